using System.Net;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Web.Tests.Chat;
using Microsoft.Extensions.DependencyInjection;

namespace Bob.Web.Tests.Widget;

/// <summary>"Talk to a human" (<c>POST /api/widget/handoff</c>): the conversation waits for an agent, Mission Control
/// sees it, and the assistant stays silent until an agent takes over or releases it.</summary>
public sealed class HandoffTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    [Fact]
    public async Task Asking_for_a_human_mid_conversation_makes_it_wait_and_silences_the_assistant_at_no_cost()
    {
        var tenant = await app.SignupAsync();
        var widget = app.Widget(tenant.WidgetKey);
        var first = await (await widget.PostJsonAsync("/api/widget/chat", new { message = "hello" })).OkJsonAsync();
        var (sessionId, token) = (first["session_id"]!.GetValue<string>(), first["visitor_token"]!.GetValue<string>());
        var creditsBefore = first["credits"]!["used"]!.GetValue<int>();

        var requested = await (await widget.PostJsonAsync("/api/widget/handoff", new { session_id = sessionId, visitor_token = token })).OkJsonAsync();
        var again = await (await widget.PostJsonAsync("/api/widget/handoff", new { session_id = sessionId, visitor_token = token })).OkJsonAsync();
        var meanwhile = await (await widget.PostJsonAsync("/api/widget/chat", new { session_id = sessionId, visitor_token = token, message = "anyone?" })).OkJsonAsync();

        Assert.Equal(sessionId, requested["session_id"]!.GetValue<string>());
        Assert.Equal("waiting", requested["status"]!.GetValue<string>());
        Assert.False(requested.ContainsKey("visitor_token"));
        Assert.Equal("waiting", again["status"]!.GetValue<string>());
        Assert.Equal("", meanwhile["reply"]!.GetValue<string>());
        Assert.Equal("waiting", meanwhile["status"]!.GetValue<string>());
        Assert.Equal(creditsBefore, meanwhile["credits"]!["used"]!.GetValue<int>());
        Assert.Equal(["visitor", "assistant", "system", "visitor"], (await app.TurnsAsync(tenant, sessionId)).Select(t => t.Role));
        Assert.Contains(sessionId, ChatApi.SessionIds(await app.SessionsAsync(tenant, "?status=waiting")));
        Assert.DoesNotContain(sessionId, ChatApi.SessionIds(await app.SessionsAsync(tenant, "?status=assistant")));
    }

    [Fact]
    public async Task A_waiting_conversation_is_taken_over_by_an_agent_or_released_to_the_assistant()
    {
        var tenant = await app.SignupAsync();
        var owner = app.Bearer(tenant.Token);
        var widget = app.Widget(tenant.WidgetKey);
        var taken = await (await widget.PostJsonAsync("/api/widget/handoff", new { })).OkJsonAsync();
        var released = await (await widget.PostJsonAsync("/api/widget/handoff", new { })).OkJsonAsync();

        var takeover = await (await owner.PostAsync($"/api/chat/sessions/{taken["session_id"]}/takeover", null)).OkJsonAsync();
        var release = await (await owner.PostAsync($"/api/chat/sessions/{released["session_id"]}/release", null)).OkJsonAsync();
        var answered = await (await widget.PostJsonAsync("/api/widget/chat",
            new { session_id = released["session_id"]!.GetValue<string>(), visitor_token = released["visitor_token"]!.GetValue<string>(), message = "ok, the bot then" })).OkJsonAsync();

        Assert.Equal("human", takeover["status"]!.GetValue<string>());
        Assert.Equal("assistant", release["status"]!.GetValue<string>());
        Assert.NotEqual("", answered["reply"]!.GetValue<string>());
    }

    [Fact]
    public async Task When_credits_run_out_the_refused_message_goes_to_the_humans_once()
    {
        var tenant = await app.SignupAsync();
        var widget = app.Widget(tenant.WidgetKey);
        var meter = app.Services.GetRequiredService<IClusterClient>().GetGrain<ICreditMeterGrain>(tenant.TenantId);
        await meter.SettleAsync(0, (await meter.BalanceAsync()).Remaining, commitTransaction: ulong.MaxValue); // a commit no recount has seen yet

        var refused = await widget.PostJsonAsync("/api/widget/chat", new { message = "Where is my order 1234?", client_message_id = "m-1" });
        await refused.AssertProblemAsync(402, "credits_exhausted");
        Assert.Equal(ChatApi.ShopOrigin, ChatApi.Header(refused, "Access-Control-Allow-Origin"));

        var request = new { message = "Where is my order 1234?", client_message_id = "m-1" };
        var opened = await (await widget.PostJsonAsync("/api/widget/handoff", request)).OkJsonAsync();
        var sessionId = opened["session_id"]!.GetValue<string>();
        var token = opened["visitor_token"]!.GetValue<string>();
        var retried = await (await widget.PostJsonAsync("/api/widget/handoff", new { session_id = sessionId, visitor_token = token, request.message, request.client_message_id })).OkJsonAsync();
        var followUp = await (await widget.PostJsonAsync("/api/widget/chat", new { session_id = sessionId, visitor_token = token, message = "It was due Monday." })).OkJsonAsync();

        Assert.Matches("^[A-Za-z0-9_-]{22}$", token);
        Assert.Equal("waiting", retried["status"]!.GetValue<string>());
        Assert.Equal("waiting", followUp["status"]!.GetValue<string>());
        Assert.Equal([("visitor", "Where is my order 1234?"), ("system", "A person from the team was asked to join; they will reply here."), ("visitor", "It was due Monday.")],
            await app.TurnsAsync(tenant, sessionId));
    }

    [Fact]
    public async Task Asking_for_a_human_in_someone_elses_session_needs_its_token()
    {
        var tenant = await app.SignupAsync();
        var widget = app.Widget(tenant.WidgetKey);
        var first = await (await widget.PostJsonAsync("/api/widget/chat", new { message = "hello" })).OkJsonAsync();
        var sessionId = first["session_id"]!.GetValue<string>();

        var withoutToken = await widget.PostJsonAsync("/api/widget/handoff", new { session_id = sessionId });
        var wrongToken = await widget.PostJsonAsync("/api/widget/handoff", new { session_id = sessionId, visitor_token = Ids.RandomToken(16) });
        var consoleSession = await (await app.Bearer(tenant.Token).PostJsonAsync("/api/chat/session", new { })).OkJsonAsync(HttpStatusCode.Created);
        var otherPath = await widget.PostJsonAsync("/api/widget/handoff", new { session_id = consoleSession["session_id"]!.GetValue<string>() });
        var badBody = await widget.PostJsonAsync("/api/widget/handoff", new { session_id = "no spaces", message = "   " });
        var foreign = await app.Widget(tenant.WidgetKey, "https://evil.example.net").PostJsonAsync("/api/widget/handoff", new { });

        await withoutToken.AssertProblemAsync(401, "visitor_token_required");
        await wrongToken.AssertProblemAsync(401, "invalid_visitor_token");
        await otherPath.AssertProblemAsync(404, "not_found");
        var problem = await badBody.AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]!["session_id"]);
        Assert.NotNull(problem["errors"]!["message"]);
        await foreign.AssertProblemAsync(403, "origin_not_allowed");
        Assert.Equal("assistant", (await app.TranscriptAsync(tenant, sessionId))!["status"]!.GetValue<string>());
    }
}
