using System.Net.Http.Json;
using Bob.Web.Tests.Chat;

namespace Bob.Web.Tests.Widget;

/// <summary>
/// The fixation attack of issue 18: a stranger with the public key sends the first turn for a guessable id and keeps the
/// returned token. The real visitor's later turn on that id, without the token or with a wrong one, is refused (401) and
/// stores nothing, so the stranger's token reads only the stranger's own turn. On the widget and the public path alike.
/// </summary>
public sealed class SessionFixationTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    [Fact]
    public async Task A_stranger_who_opened_a_guessable_widget_session_never_sees_the_real_visitors_turns()
    {
        var tenant = await app.SignupAsync();
        var widget = app.Widget(tenant.WidgetKey);
        var guessable = $"session_{Guid.NewGuid():N}"[..20];
        var stranger = await (await widget.PostJsonAsync("/api/widget/chat", new { session_id = guessable, message = "stranger was here" })).OkJsonAsync();
        var strangerToken = stranger["visitor_token"]!.GetValue<string>();

        var withoutToken = await widget.PostJsonAsync("/api/widget/chat", new { session_id = guessable, message = "my card is 4111" });
        var withWrongToken = await widget.PostJsonAsync("/api/widget/chat", new { session_id = guessable, visitor_token = Bob.Grains.Abstractions.Common.Ids.RandomToken(16), message = "my card is 4111" });
        var handoffWithoutToken = await widget.PostJsonAsync("/api/widget/handoff", new { session_id = guessable, message = "a human please" });

        await withoutToken.AssertProblemAsync(401, "visitor_token_required");
        await withWrongToken.AssertProblemAsync(401, "invalid_visitor_token");
        await handoffWithoutToken.AssertProblemAsync(401, "visitor_token_required");
        var read = await (await widget.GetAsync($"/api/widget/sessions/{guessable}/messages?visitor_token={strangerToken}")).OkJsonAsync();
        var messages = read["messages"]!.AsArray();
        Assert.Equal(["visitor", "assistant"], messages.Select(m => m!["role"]!.GetValue<string>()));
        Assert.Equal("stranger was here", messages[0]!["text"]!.GetValue<string>());
        Assert.Equal(2, (await app.TurnsAsync(tenant, guessable)).Count);
    }

    [Fact]
    public async Task A_stranger_who_opened_a_guessable_public_session_cannot_have_the_real_visitor_add_to_it()
    {
        var tenant = await app.SignupAsync();
        Assert.True((await app.Bearer(tenant.Token).PatchAsJsonAsync("/api/tenant/settings", new { publicChat = true })).IsSuccessStatusCode);
        var client = app.CreateClient();
        var guessable = $"session_{Guid.NewGuid():N}"[..20];
        var stranger = await (await client.PostJsonAsync("/api/chat", new { session_id = guessable, message = "stranger was here", business_id = tenant.TenantId })).OkJsonAsync();
        var strangerToken = stranger["visitor_token"]!.GetValue<string>();

        var withoutToken = await client.PostJsonAsync("/api/chat", new { session_id = guessable, message = "my address is 1 Main St", business_id = tenant.TenantId });
        var withWrongToken = await client.PostJsonAsync("/api/chat",
            new { session_id = guessable, visitor_token = Bob.Grains.Abstractions.Common.Ids.RandomToken(16), message = "my address is 1 Main St", business_id = tenant.TenantId });
        var withItsToken = await (await client.PostJsonAsync("/api/chat",
            new { session_id = guessable, visitor_token = strangerToken, message = "still the stranger", business_id = tenant.TenantId })).OkJsonAsync();

        await withoutToken.AssertProblemAsync(401, "visitor_token_required");
        await withWrongToken.AssertProblemAsync(401, "invalid_visitor_token");
        Assert.False(withItsToken.ContainsKey("visitor_token"));
        Assert.Equal(["stranger was here", "still the stranger"],
            (await app.TurnsAsync(tenant, guessable)).Where(t => t.Role == "visitor").Select(t => t.Text));
    }

    [Theory]
    [InlineData("abc\n")]
    [InlineData("abc\r\n")]
    [InlineData("abc\u0000")]
    public async Task An_id_with_a_control_character_is_refused_and_never_stored(string id)
    {
        var tenant = await app.SignupAsync();

        var widget = await app.Widget(tenant.WidgetKey).PostJsonAsync("/api/widget/chat", new { session_id = id, message = "hello" });
        var publicChat = await app.CreateClient().PostJsonAsync("/api/chat", new { session_id = id, message = "hello" });
        var handoff = await app.Widget(tenant.WidgetKey).PostJsonAsync("/api/widget/handoff", new { session_id = id });
        var console = await app.Bearer(tenant.Token).PostJsonAsync("/api/chat/message", new { session_id = id, message = "hello" });

        foreach (var response in new[] { widget, publicChat, handoff, console })
        {
            await response.AssertProblemAsync(400, "validation_failed");
        }
        Assert.Empty(ChatApi.SessionIds(await app.SessionsAsync(tenant)));
    }
}
