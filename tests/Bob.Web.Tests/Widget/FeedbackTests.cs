using System.Net;
using Bob.Web.Tests.Chat;

namespace Bob.Web.Tests.Widget;

/// <summary>Feedback (API.md): a visitor rates the assistant's answers of their own conversation up or down, once per answer
/// (a second rating replaces the first), and the whole conversation 1..5; Mission Control shows both.</summary>
public sealed class FeedbackTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    private async Task<(TestTenant Tenant, HttpClient Widget, string SessionId, string Token, string AnswerId)> AnsweredAsync()
    {
        var tenant = await app.SignupAsync();
        var widget = app.Widget(tenant.WidgetKey);
        var reply = await (await widget.PostJsonAsync("/api/widget/chat", new { message = "What are your opening hours?" })).OkJsonAsync();
        return (tenant, widget, reply["session_id"]!.GetValue<string>(), reply["visitor_token"]!.GetValue<string>(), reply["message_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_rating_is_kept_once_per_answer_the_latest_wins_and_mission_control_shows_it()
    {
        var (tenant, widget, sessionId, token, answerId) = await AnsweredAsync();

        var up = await (await widget.PostJsonAsync("/api/widget/feedback", new { session_id = sessionId, message_id = answerId, visitor_token = token, rating = "up" })).OkJsonAsync();
        var again = await (await widget.PostJsonAsync("/api/widget/feedback", new { session_id = sessionId, message_id = answerId, visitor_token = token, rating = "up" })).OkJsonAsync();
        var down = await (await widget.PostJsonAsync("/api/widget/feedback",
            new { session_id = sessionId, message_id = answerId, visitor_token = token, rating = "down", comment = "  The hours were wrong.  " })).OkJsonAsync();

        Assert.Equal("up", up["rating"]!.GetValue<string>());
        Assert.Equal(up["created_at"]!.GetValue<DateTimeOffset>(), again["created_at"]!.GetValue<DateTimeOffset>());
        Assert.Equal("down", down["rating"]!.GetValue<string>());
        Assert.Equal("The hours were wrong.", down["comment"]!.GetValue<string>());
        var transcript = (await app.TranscriptAsync(tenant, sessionId))!;
        var feedback = Assert.Single(transcript["feedback"]!["messages"]!.AsArray())!;
        Assert.Equal(answerId, feedback["message_id"]!.GetValue<string>());
        Assert.Equal("down", feedback["rating"]!.GetValue<string>());
        Assert.Equal("The hours were wrong.", feedback["comment"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rating_needs_the_visitor_token_or_the_signed_in_owner_and_refusals_store_nothing()
    {
        var (tenant, widget, sessionId, token, answerId) = await AnsweredAsync();
        var (_, _, _, otherToken, _) = await AnsweredAsync();

        var noToken = await widget.PostJsonAsync("/api/widget/feedback", new { session_id = sessionId, message_id = answerId, rating = "up" });
        var wrongToken = await widget.PostJsonAsync("/api/widget/feedback", new { session_id = sessionId, message_id = answerId, visitor_token = otherToken, rating = "up" });
        var otherTenant = await app.SignupAsync();
        var otherTenantKey = await app.Widget(otherTenant.WidgetKey).PostJsonAsync("/api/widget/feedback", new { session_id = sessionId, message_id = answerId, visitor_token = token, rating = "up" });
        var noKey = await app.Widget(null).PostJsonAsync("/api/widget/feedback", new { session_id = sessionId, message_id = answerId, visitor_token = token, rating = "up" });

        await noToken.AssertProblemAsync(401, "visitor_token_required");
        await wrongToken.AssertProblemAsync(401, "invalid_visitor_token");
        await otherTenantKey.AssertProblemAsync(404, "not_found");
        await noKey.AssertProblemAsync(401, "invalid_widget_key");
        Assert.Empty((await app.TranscriptAsync(tenant, sessionId))!["feedback"]!["messages"]!.AsArray());

        var secret = await app.IssueIdentitySecretAsync(tenant);
        var signedIn = app.Widget(tenant.WidgetKey).WithIdentity(VisitorSigning.Hmac(secret, "cust-1"));
        var own = await (await signedIn.PostJsonAsync("/api/widget/chat", new { message = "Signed in question" })).OkJsonAsync();
        await (await signedIn.PostJsonAsync("/api/widget/feedback", new { session_id = own["session_id"]!.GetValue<string>(), message_id = own["message_id"]!.GetValue<string>(), rating = "up" })).OkJsonAsync();
        var notTheirs = await signedIn.PostJsonAsync("/api/widget/feedback", new { session_id = sessionId, message_id = answerId, rating = "up" });
        await notTheirs.AssertProblemAsync(401, "visitor_token_required");
    }

    [Fact]
    public async Task Only_an_assistant_answer_of_that_conversation_can_be_rated_and_bad_input_is_refused()
    {
        var (tenant, widget, sessionId, token, answerId) = await AnsweredAsync();
        var visitorMessageId = (await app.TranscriptAsync(tenant, sessionId))!["messages"]![0]!["message_id"]!.GetValue<string>();
        var (_, _, _, _, otherAnswerId) = await AnsweredAsync();
        object Body(string? message = null, string? rating = "up", string? comment = null, string? session = null) =>
            new { session_id = session ?? sessionId, message_id = message ?? answerId, visitor_token = token, rating, comment };

        await (await widget.PostJsonAsync("/api/widget/feedback", Body(message: visitorMessageId))).AssertProblemAsync(400, "validation_failed");
        await (await widget.PostJsonAsync("/api/widget/feedback", Body(message: otherAnswerId))).AssertProblemAsync(404, "not_found");
        await (await widget.PostJsonAsync("/api/widget/feedback", Body(message: "msg_unknown"))).AssertProblemAsync(404, "not_found");
        await (await widget.PostJsonAsync("/api/widget/feedback", Body(rating: "meh"))).AssertProblemAsync(400, "validation_failed");
        await (await widget.PostJsonAsync("/api/widget/feedback", Body(rating: null))).AssertProblemAsync(400, "validation_failed");
        await (await widget.PostJsonAsync("/api/widget/feedback", Body(comment: new string('x', 1001)))).AssertProblemAsync(400, "validation_failed");
        await (await widget.PostJsonAsync("/api/widget/feedback", Body(message: "bad id!"))).AssertProblemAsync(400, "validation_failed");
        await (await widget.PostJsonAsync("/api/widget/feedback", new { message_id = answerId, visitor_token = token, rating = "up" })).AssertProblemAsync(400, "validation_failed");
        await (await widget.PostJsonAsync("/api/widget/feedback", Body(session: ChatApi.NewSession()))).AssertProblemAsync(404, "not_found");
        Assert.Empty((await app.TranscriptAsync(tenant, sessionId))!["feedback"]!["messages"]!.AsArray());
        await (await widget.PostJsonAsync("/api/widget/feedback", Body(comment: new string('x', 1000)))).OkJsonAsync();
    }

    [Fact]
    public async Task A_conversation_is_rated_1_to_5_and_the_latest_rating_wins()
    {
        var (tenant, widget, sessionId, token, _) = await AnsweredAsync();

        var bad = await widget.PostJsonAsync("/api/widget/rating", new { session_id = sessionId, visitor_token = token, score = 6 });
        var noToken = await widget.PostJsonAsync("/api/widget/rating", new { session_id = sessionId, score = 4 });
        var first = await (await widget.PostJsonAsync("/api/widget/rating", new { session_id = sessionId, visitor_token = token, score = 2 })).OkJsonAsync();
        var replaced = await (await widget.PostJsonAsync("/api/widget/rating", new { session_id = sessionId, visitor_token = token, score = 5, comment = "Sorted, thanks" })).OkJsonAsync();

        await bad.AssertProblemAsync(400, "validation_failed");
        await noToken.AssertProblemAsync(401, "visitor_token_required");
        Assert.Equal(2, first["score"]!.GetValue<int>());
        Assert.Equal(5, replaced["score"]!.GetValue<int>());
        var rating = (await app.TranscriptAsync(tenant, sessionId))!["feedback"]!["rating"]!;
        Assert.Equal(5, rating["score"]!.GetValue<int>());
        Assert.Equal("Sorted, thanks", rating["comment"]!.GetValue<string>());
    }
}
