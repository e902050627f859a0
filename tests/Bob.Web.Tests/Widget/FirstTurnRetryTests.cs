using Bob.Grains.Abstractions.Common;
using Bob.Web.Tests.Chat;

namespace Bob.Web.Tests.Widget;

/// <summary>A first turn whose answer was lost, sent again: the widget picks the session id and proposes the visitor
/// token before the first send, so the retry reaches the same conversation, proves it is the visitor's and gets the same answer.</summary>
public sealed class FirstTurnRetryTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    [Fact]
    public async Task A_retried_first_widget_turn_lands_in_the_same_conversation_and_is_answered_once()
    {
        var tenant = await app.SignupAsync();
        var widget = app.Widget(tenant.WidgetKey);
        var first = new { session_id = ChatApi.NewSession(), visitor_token = Ids.RandomToken(16), message = "Do you ship abroad?", client_message_id = "cm_first" };

        var answered = await (await widget.PostJsonAsync("/api/widget/chat", first)).OkJsonAsync(); // its answer "lost" on the way back
        var retried = await (await widget.PostJsonAsync("/api/widget/chat", first)).OkJsonAsync();
        var next = await widget.PostJsonAsync("/api/widget/chat", new { first.session_id, first.visitor_token, message = "And to Canada?", client_message_id = "cm_next" });
        var anotherToken = await widget.PostJsonAsync("/api/widget/chat", new { first.session_id, visitor_token = Ids.RandomToken(16), message = "not mine" });

        Assert.Equal(first.visitor_token, answered["visitor_token"]!.GetValue<string>());
        Assert.Equal(first.session_id, retried["session_id"]!.GetValue<string>());
        Assert.Equal(answered["message_id"]!.GetValue<string>(), retried["message_id"]!.GetValue<string>());
        Assert.Equal(answered["reply"]!.GetValue<string>(), retried["reply"]!.GetValue<string>());
        ChatApi.AssertReplyShape(await next.OkJsonAsync());
        await anotherToken.AssertProblemAsync(401, "invalid_visitor_token");
        Assert.Equal(["visitor", "assistant", "visitor", "assistant"], (await app.TurnsAsync(tenant, first.session_id)).Select(t => t.Role));
        var history = await (await widget.GetAsync($"/api/widget/sessions/{first.session_id}/messages?visitor_token={first.visitor_token}")).OkJsonAsync();
        Assert.Equal(4, history["messages"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_retried_first_public_turn_is_answered_once_too()
    {
        var client = app.CreateClient();
        var first = new { session_id = ChatApi.NewSession(), visitor_token = Ids.RandomToken(16), message = "What is Bob?", client_message_id = "cm_public_first" };

        var answered = await (await client.PostJsonAsync("/api/chat", first)).OkJsonAsync();
        var retried = await (await client.PostJsonAsync("/api/chat", first)).OkJsonAsync();
        var history = await (await client.GetAsync($"/api/chat/sessions/{first.session_id}/messages?visitor_token={first.visitor_token}")).OkJsonAsync();

        Assert.Equal(answered["message_id"]!.GetValue<string>(), retried["message_id"]!.GetValue<string>());
        Assert.Equal(["visitor", "assistant"], history["messages"]!.AsArray().Select(m => m!["role"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_proposed_token_is_checked_like_any_other()
    {
        var tenant = await app.SignupAsync();
        var malformed = await app.Widget(tenant.WidgetKey).PostJsonAsync("/api/widget/chat",
            new { session_id = ChatApi.NewSession(), visitor_token = "not a token!", message = "hello", client_message_id = "cm_1" });

        await malformed.AssertProblemAsync(400, "validation_failed");
        Assert.Empty(ChatApi.SessionIds(await app.SessionsAsync(tenant)));
    }
}
