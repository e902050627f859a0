using System.Net;
using System.Text;
using System.Text.Json;

namespace Bob.Web.Tests.Chat;

/// <summary>Idempotent retries, input limits and streamed replies on the chat routes.</summary>
public sealed class ChatProtocolTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    [Fact]
    public async Task Same_client_message_id_twice_answers_once()
    {
        var tenant = await app.SignupAsync();
        var sessionId = ChatApi.NewSession();
        var body = new { session_id = sessionId, message = "Where is my parcel?", client_message_id = "cm-1" };

        var first = await (await app.Widget(tenant.WidgetKey).PostJsonAsync("/api/widget/chat", body)).OkJsonAsync();
        var second = await (await app.Widget(tenant.WidgetKey).PostJsonAsync("/api/widget/chat",
            new { body.session_id, visitor_token = first["visitor_token"]!.GetValue<string>(), body.message, body.client_message_id })).OkJsonAsync();

        Assert.Equal(first["message_id"]!.GetValue<string>(), second["message_id"]!.GetValue<string>());
        Assert.Equal(first["reply"]!.GetValue<string>(), second["reply"]!.GetValue<string>());
        Assert.Equal(1, first["credits"]!["used"]!.GetValue<int>());
        Assert.Equal(1, second["credits"]!["used"]!.GetValue<int>());
        Assert.Equal(["visitor", "assistant"], (await app.TurnsAsync(tenant, sessionId)).Select(t => t.Role));
    }

    [Fact]
    public async Task Idempotency_key_header_deduplicates_like_client_message_id()
    {
        var tenant = await app.SignupAsync();
        var sessionId = ChatApi.NewSession();

        async Task<System.Text.Json.Nodes.JsonObject> SendAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat/message")
            {
                Content = ApiClient.RawJson(JsonSerializer.Serialize(new { session_id = sessionId, message = "Can I change my address?" })),
            };
            request.Headers.Add("Idempotency-Key", "idem-42");
            return await (await app.Bearer(tenant.Token).SendAsync(request)).OkJsonAsync();
        }

        var first = await SendAsync();
        var second = await SendAsync();

        Assert.Equal(first["message_id"]!.GetValue<string>(), second["message_id"]!.GetValue<string>());
        Assert.Equal(first["reply"]!.GetValue<string>(), second["reply"]!.GetValue<string>());
        Assert.Equal(1, second["credits"]!["used"]!.GetValue<int>());
        Assert.Equal(["visitor", "assistant"], (await app.TurnsAsync(tenant, sessionId)).Select(t => t.Role));
    }

    [Fact]
    public async Task Five_concurrent_identical_sends_store_one_turn_and_charge_once()
    {
        var tenant = await app.SignupAsync();
        var sessionId = ChatApi.NewSession();
        var token = (await app.WidgetChatAsync(tenant.WidgetKey, sessionId, "hello"))["visitor_token"]!.GetValue<string>();
        var body = new { session_id = sessionId, visitor_token = token, message = "Do you ship abroad?", client_message_id = "burst-1" };

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => app.Widget(tenant.WidgetKey).PostJsonAsync("/api/widget/chat", body)));
        var replies = await Task.WhenAll(responses.Select(r => r.OkJsonAsync()));

        Assert.Single(replies.Select(r => r["message_id"]!.GetValue<string>()).Distinct());
        Assert.Single(replies.Select(r => r["reply"]!.GetValue<string>()).Distinct());
        Assert.All(replies, r => Assert.Equal(2, r["credits"]!["used"]!.GetValue<int>()));
        Assert.Equal(["visitor", "assistant", "visitor", "assistant"], (await app.TurnsAsync(tenant, sessionId)).Select(t => t.Role));
        var next = await app.WidgetChatAsync(tenant.WidgetKey, sessionId, "and to Norway?");
        Assert.Equal(3, next["credits"]!["used"]!.GetValue<int>());
    }

    public static TheoryData<string, string> BadMessages => new()
    {
        { "missing", """{"session_id":"SESSION"}""" },
        { "null", """{"session_id":"SESSION","message":null}""" },
        { "empty", """{"session_id":"SESSION","message":""}""" },
        { "whitespace", """{"session_id":"SESSION","message":"   \n\t "}""" },
        { "4001 chars", $$"""{"session_id":"SESSION","message":"{{new string('a', 4001)}}"}""" },
    };

    [Theory]
    [MemberData(nameof(BadMessages))]
    public async Task Invalid_message_is_refused_and_nothing_is_stored(string why, string json)
    {
        var tenant = await app.SignupAsync();
        var sessionId = ChatApi.NewSession();

        var response = await app.Widget(tenant.WidgetKey).PostAsync("/api/widget/chat", ApiClient.RawJson(json.Replace("SESSION", sessionId, StringComparison.Ordinal)));

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.True(problem["errors"]?["message"] is not null, why);
        Assert.Null(await app.TranscriptAsync(tenant, sessionId));
        Assert.Equal(0, (await app.SessionsAsync(tenant))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_message_with_an_unpaired_surrogate_is_refused_at_the_edge_and_nothing_is_stored()
    {
        var tenant = await app.SignupAsync();
        var sessionId = ChatApi.NewSession();

        var response = await app.Widget(tenant.WidgetKey).PostAsync("/api/widget/chat",
            ApiClient.RawJson($$"""{"session_id":"{{sessionId}}","message":"broken \ud800 text"}"""));

        await response.AssertProblemAsync(400, "invalid_json");
        Assert.Null(await app.TranscriptAsync(tenant, sessionId));
    }

    [Fact]
    public async Task A_4000_char_message_after_trimming_is_accepted()
    {
        var tenant = await app.SignupAsync();
        var reply = await app.WidgetChatAsync(tenant.WidgetKey, ChatApi.NewSession(), "  " + new string('a', 4000) + "  ");
        ChatApi.AssertReplyShape(reply);
    }

    [Theory]
    [InlineData("bad id!")]
    [InlineData("x/y")]
    [InlineData("")]
    public async Task Malformed_session_id_is_refused(string sessionId)
    {
        var tenant = await app.SignupAsync();

        var response = await app.Widget(tenant.WidgetKey).PostJsonAsync("/api/widget/chat", new { session_id = sessionId, message = "hello" });

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]?["session_id"]);
        Assert.Equal(0, (await app.SessionsAsync(tenant))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Session_id_of_129_chars_is_refused_and_128_accepted()
    {
        var tenant = await app.SignupAsync();

        var tooLong = await app.Widget(tenant.WidgetKey).PostJsonAsync("/api/widget/chat", new { session_id = new string('s', 129), message = "hello" });
        await tooLong.AssertProblemAsync(400, "validation_failed");
        Assert.Equal(0, (await app.SessionsAsync(tenant))["total"]!.GetValue<int>());

        ChatApi.AssertReplyShape(await app.WidgetChatAsync(tenant.WidgetKey, new string('s', 128), "hello"));
    }

    [Fact]
    public async Task Body_over_32_KiB_is_refused_with_413()
    {
        var tenant = await app.SignupAsync();
        var sessionId = ChatApi.NewSession();
        var json = $$"""{"session_id":"{{sessionId}}","message":"hi","padding":"{{new string('p', 33 * 1024)}}"}""";

        var response = await app.Widget(tenant.WidgetKey).PostAsync("/api/widget/chat", ApiClient.RawJson(json));

        await response.AssertProblemAsync(413, "payload_too_large");
        Assert.Null(await app.TranscriptAsync(tenant, sessionId));
    }

    [Fact]
    public async Task Malformed_json_is_refused_as_invalid_json()
    {
        var tenant = await app.SignupAsync();

        var response = await app.Widget(tenant.WidgetKey).PostAsync("/api/widget/chat", ApiClient.RawJson("""{"session_id":"abc","message":"hi" """));

        await response.AssertProblemAsync(400, "invalid_json");
        Assert.Null(await app.TranscriptAsync(tenant, "abc"));
    }

    [Fact]
    public async Task Text_plain_body_is_refused_with_415()
    {
        var tenant = await app.SignupAsync();
        var sessionId = ChatApi.NewSession();

        var response = await app.Widget(tenant.WidgetKey).PostAsync("/api/widget/chat",
            new StringContent($$"""{"session_id":"{{sessionId}}","message":"hi"}""", Encoding.UTF8, "text/plain"));

        await response.AssertProblemAsync(415, "unsupported_media_type");
        Assert.Null(await app.TranscriptAsync(tenant, sessionId));
    }

    [Fact]
    public async Task Streamed_reply_sends_deltas_that_add_up_to_the_done_reply()
    {
        var tenant = await app.SignupAsync();
        var sessionId = ChatApi.NewSession();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/widget/chat")
        {
            Content = ApiClient.RawJson(JsonSerializer.Serialize(new { session_id = sessionId, message = "Hello! Can you tell me what you can help with?" })),
        };
        request.Headers.Accept.ParseAdd("text/event-stream");

        using var response = await app.Widget(tenant.WidgetKey).SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = await response.ReadAllEventsAsync();
        var deltas = events.Where(e => e.Event == "delta").ToList();
        var done = Assert.Single(events, e => e.Event == "done");
        Assert.Equal("done", events[^1].Event);
        Assert.True(deltas.Count >= 2, $"expected several deltas, got {deltas.Count}");
        var reply = done.Json;
        ChatApi.AssertReplyShape(reply);
        Assert.Equal(reply["reply"]!.GetValue<string>(), string.Concat(deltas.Select(d => d.Json["text"]!.GetValue<string>())));
        var turns = await app.TurnsAsync(tenant, sessionId);
        Assert.Equal(["visitor", "assistant"], turns.Select(t => t.Role));
        Assert.Equal(reply["reply"]!.GetValue<string>(), turns[1].Text);
    }

    [Fact]
    public async Task Refused_stream_request_answers_a_plain_problem()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/widget/chat")
        {
            Content = ApiClient.RawJson("""{"message":"hello"}"""),
        };
        request.Headers.Accept.ParseAdd("text/event-stream");

        var response = await app.Widget("pk_live_" + new string('0', 32)).SendAsync(request);

        await response.AssertProblemAsync(401, "invalid_widget_key");
    }
}
