using System.Net;
using System.Text;
using System.Text.Json;

namespace Bob.Web.Tests.Chat;

/// <summary>Idempotency on the streaming path (own fixture: these open several streams at once).</summary>
public sealed class StreamingIdempotencyTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    private async Task<List<SseEvent>> StreamAsync(TestTenant tenant, string sessionId, string message, string clientMessageId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/widget/chat")
        {
            Content = ApiClient.RawJson(JsonSerializer.Serialize(new
            {
                session_id = sessionId, visitor_token = ChatApi.VisitorTokenFor(tenant.WidgetKey, sessionId), message, client_message_id = clientMessageId,
            })),
        };
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await app.Widget(tenant.WidgetKey).SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadAllEventsAsync()).RememberToken(tenant.WidgetKey, sessionId);
    }

    [Fact]
    public async Task Streamed_retry_with_the_same_client_message_id_replays_the_stored_reply()
    {
        var tenant = await app.SignupAsync();
        var sessionId = ChatApi.NewSession();

        var first = await StreamAsync(tenant, sessionId, "Hello! What can you help with?", "stream-1");
        var second = await StreamAsync(tenant, sessionId, "Hello! What can you help with?", "stream-1");

        var firstDone = first.Single(e => e.Event == "done").Json;
        var secondDone = second.Single(e => e.Event == "done").Json;
        Assert.Equal(firstDone["message_id"]!.GetValue<string>(), secondDone["message_id"]!.GetValue<string>());
        Assert.Equal(firstDone["reply"]!.GetValue<string>(), secondDone["reply"]!.GetValue<string>());
        Assert.Equal(["visitor", "assistant"], (await app.TurnsAsync(tenant, sessionId)).Select(t => t.Role));
    }

    [Fact]
    public async Task Five_concurrent_streamed_sends_with_one_client_message_id_store_one_turn()
    {
        var tenant = await app.SignupAsync();
        var sessionId = ChatApi.NewSession();
        await app.WidgetChatAsync(tenant.WidgetKey, sessionId, "hello");

        var streams = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => StreamAsync(tenant, sessionId, "Hello! What can you help with?", "burst-stream")));

        var dones = streams.Select(s => s.SingleOrDefault(e => e.Event == "done")).ToList();
        Assert.All(streams, s => Assert.DoesNotContain(s, e => e.Event == "error"));
        Assert.All(dones, Assert.NotNull);
        Assert.Single(dones.Select(d => d!.Json["message_id"]!.GetValue<string>()).Distinct());
        Assert.Equal(["visitor", "assistant", "visitor", "assistant"], (await app.TurnsAsync(tenant, sessionId)).Select(t => t.Role));
    }

    [Fact]
    public async Task Concurrent_streamed_turns_in_one_conversation_keep_a_gapless_ordered_transcript()
    {
        var tenant = await app.SignupAsync();
        var sessionId = ChatApi.NewSession();
        await app.WidgetChatAsync(tenant.WidgetKey, sessionId, "hello");

        var streams = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => StreamAsync(tenant, sessionId, $"question number {i}", $"q-{i}")));

        Assert.All(streams, s => Assert.Contains(s, e => e.Event == "done"));
        var transcript = await app.TranscriptAsync(tenant, sessionId);
        var messages = transcript!["messages"]!.AsArray();
        Assert.Equal(Enumerable.Range(1, 10), messages.Select(m => m!["seq"]!.GetValue<int>()));
        Assert.Equal(Enumerable.Range(0, 5).SelectMany(_ => new[] { "visitor", "assistant" }), messages.Select(m => m!["role"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Json_turns_and_agent_actions_during_streams_wait_their_turn()
    {
        var tenant = await app.SignupAsync();
        var sessionId = ChatApi.NewSession();
        await app.WidgetChatAsync(tenant.WidgetKey, sessionId, "hello");

        var streamA = StreamAsync(tenant, sessionId, "first streamed question", "mix-a");
        var json = app.Widget(tenant.WidgetKey).PostJsonAsync("/api/widget/chat", new { session_id = sessionId, visitor_token = ChatApi.VisitorTokenFor(tenant.WidgetKey, sessionId), message = "a plain question", client_message_id = "mix-b" });
        var streamC = StreamAsync(tenant, sessionId, "second streamed question", "mix-c");
        var agent = app.Bearer(tenant.Token).PostJsonAsync($"/api/chat/sessions/{sessionId}/reply", new { message = "an agent steps in" });
        await Task.WhenAll(streamA, json, streamC, agent);

        Assert.Contains(await streamA, e => e.Event == "done");
        Assert.Contains(await streamC, e => e.Event == "done");
        await (await json).OkJsonAsync();
        await (await agent).OkJsonAsync(HttpStatusCode.Created);
        var messages = (await app.TranscriptAsync(tenant, sessionId))!["messages"]!.AsArray();
        Assert.Equal(Enumerable.Range(1, messages.Count), messages.Select(m => m!["seq"]!.GetValue<int>()));
        var roles = messages.Select(m => m!["role"]!.GetValue<string>()).ToList();
        Assert.Equal(4, roles.Count(r => r == "visitor"));
        Assert.Equal(1, roles.Count(r => r == "agent"));
        Assert.Single(messages, m => m!["text"]!.GetValue<string>() == "a plain question");
    }
}
