using System.Net;
using System.Net.Http.Json;

namespace Bob.Web.Tests.Chat;

/// <summary>Mission Control: access rules, session lists, transcripts, takeover/reply/release and the live feeds.</summary>
public sealed class MissionControlTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    [Fact]
    public async Task Viewer_can_list_sessions_but_not_chat_or_take_over()
    {
        var tenant = await app.SignupAsync();
        var sessionId = ChatApi.NewSession();
        await app.WidgetChatAsync(tenant.WidgetKey, sessionId, "hello from a visitor");
        var viewer = app.Bearer(await app.InviteMemberAsync(tenant, "viewer"));

        var list = await viewer.GetAsync("/api/chat/sessions");
        var message = await viewer.PostJsonAsync("/api/chat/message", new { session_id = ChatApi.NewSession(), message = "hi" });
        var takeover = await viewer.PostAsync($"/api/chat/sessions/{sessionId}/takeover", null);

        Assert.Contains(sessionId, ChatApi.SessionIds(await list.OkJsonAsync()));
        await message.AssertProblemAsync(403, "forbidden");
        await takeover.AssertProblemAsync(403, "forbidden");
        Assert.Equal("assistant", (await app.TranscriptAsync(tenant, sessionId))!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cookie_auth_without_csrf_token_is_refused_and_with_it_is_answered()
    {
        var tenant = await app.SignupAsync();
        var client = app.CreateClient();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email = tenant.OwnerEmail, password = tenant.Password });
        var csrf = (await login.OkJsonAsync())["csrfToken"]!.GetValue<string>();
        var sessionId = ChatApi.NewSession();

        var refused = await client.PostJsonAsync("/api/chat/message", new { session_id = sessionId, message = "hi from the console" });
        await refused.AssertProblemAsync(403, "csrf_failed");
        Assert.Null(await app.TranscriptAsync(tenant, sessionId));

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat/message")
        {
            Content = ApiClient.RawJson($$"""{"session_id":"{{sessionId}}","message":"hi from the console"}"""),
        };
        request.Headers.Add("X-CSRF-Token", csrf);
        ChatApi.AssertReplyShape(await (await client.SendAsync(request)).OkJsonAsync());
    }

    [Fact]
    public async Task Starting_a_session_answers_201_with_a_session_id()
    {
        var tenant = await app.SignupAsync();

        var started = await (await app.Bearer(tenant.Token).PostJsonAsync("/api/chat/session", new { title = "Order question" })).OkJsonAsync(HttpStatusCode.Created);

        var sessionId = started["session_id"]!.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(sessionId));
        var transcript = await app.TranscriptAsync(tenant, sessionId);
        Assert.Equal("Order question", transcript!["title"]!.GetValue<string>());
        var reply = await (await app.Bearer(tenant.Token).PostJsonAsync("/api/chat/message", new { session_id = sessionId, message = "hello" })).OkJsonAsync();
        Assert.Equal(sessionId, reply["session_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Session_list_filters_by_status_text_and_page_size()
    {
        var tenant = await app.SignupAsync();
        var owner = app.Bearer(tenant.Token);
        var marker = $"zebra{Guid.NewGuid():N}"[..14];
        var plain = ChatApi.NewSession();
        var searched = ChatApi.NewSession();
        var human = ChatApi.NewSession();
        await app.WidgetChatAsync(tenant.WidgetKey, plain, "just browsing");
        await app.WidgetChatAsync(tenant.WidgetKey, searched, $"my order number is {marker} please");
        await app.WidgetChatAsync(tenant.WidgetKey, human, "I want a person");
        (await owner.PostAsync($"/api/chat/sessions/{human}/takeover", null)).EnsureSuccessStatusCode();

        var humans = await app.SessionsAsync(tenant, "?status=human");
        var assistants = await app.SessionsAsync(tenant, "?status=assistant");
        var byText = await app.SessionsAsync(tenant, $"?q={marker}");
        var firstPage = await app.SessionsAsync(tenant, "?page_size=2");
        var secondPage = await app.SessionsAsync(tenant, "?page_size=2&page=2");

        Assert.Equal([human], ChatApi.SessionIds(humans));
        Assert.Equal(new[] { plain, searched }.Order(StringComparer.Ordinal), ChatApi.SessionIds(assistants).Order(StringComparer.Ordinal));
        Assert.Equal([searched], ChatApi.SessionIds(byText));
        Assert.Equal(2, ChatApi.SessionIds(firstPage).Count());
        Assert.Single(ChatApi.SessionIds(secondPage));
        Assert.Equal(3, firstPage["total"]!.GetValue<int>());
        Assert.Empty(ChatApi.SessionIds(firstPage).Intersect(ChatApi.SessionIds(secondPage)));
        await (await owner.GetAsync("/api/chat/sessions?status=bogus")).AssertProblemAsync(400, "validation_failed");
        await (await owner.GetAsync("/api/chat/sessions?page_size=0")).AssertProblemAsync(400, "validation_failed");
    }

    [Fact]
    public async Task Takeover_silences_the_assistant_agent_reply_reaches_the_widget_and_release_brings_it_back()
    {
        var tenant = await app.SignupAsync();
        var owner = app.Bearer(tenant.Token);
        var sessionId = ChatApi.NewSession();
        var visitorToken = (await app.WidgetChatAsync(tenant.WidgetKey, sessionId, "hello, is this a bot?"))["visitor_token"]!.GetValue<string>();

        var takeover = await (await owner.PostAsync($"/api/chat/sessions/{sessionId}/takeover", null)).OkJsonAsync();
        Assert.Equal("human", takeover["status"]!.GetValue<string>());
        Assert.Equal(tenant.OwnerId, takeover["taken_over_by"]!.GetValue<string>());

        var silent = await app.WidgetChatAsync(tenant.WidgetKey, sessionId, "are you still there?");
        Assert.Equal("", silent["reply"]!.GetValue<string>());
        Assert.True(silent["handoff"]!.GetValue<bool>());
        Assert.Equal("human", silent["status"]!.GetValue<string>());
        Assert.Equal(["visitor", "assistant", "system", "visitor"], (await app.TurnsAsync(tenant, sessionId)).Select(t => t.Role));

        // The widget's SSE stream is open before the agent answers; the answer must arrive on it.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var stream = await app.Widget(key: null).OpenStreamAsync($"/api/widget/sessions/{sessionId}/events?key={tenant.WidgetKey}&visitor_token={visitorToken}", cts.Token);
        Assert.Equal(ChatApi.ShopOrigin, ChatApi.Header(stream, "Access-Control-Allow-Origin"));
        await using var events = stream.ReadEventsAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        await events.NextMatchingAsync(e => e.Event == "ready");

        var sent = await (await owner.PostJsonAsync($"/api/chat/sessions/{sessionId}/reply", new { message = "Hi, I'm Dana from the team." })).OkJsonAsync(HttpStatusCode.Created);

        var delivered = await events.NextMatchingAsync(e => e.Event == "message");
        Assert.Equal("agent", delivered.Json["message"]!["role"]!.GetValue<string>());
        Assert.Null(delivered.Json["message"]!["author"]);
        Assert.Null(delivered.Json["message"]!["client_message_id"]);
        Assert.Equal("Hi, I'm Dana from the team.", delivered.Json["message"]!["text"]!.GetValue<string>());
        Assert.Equal(sent["seq"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture), delivered.Id);

        var released = await (await owner.PostAsync($"/api/chat/sessions/{sessionId}/release", null)).OkJsonAsync();
        Assert.Equal("assistant", released["status"]!.GetValue<string>());
        var answered = await app.WidgetChatAsync(tenant.WidgetKey, sessionId, "thanks, one more question for the bot");
        Assert.NotEqual("", answered["reply"]!.GetValue<string>());
        Assert.Equal("assistant", answered["status"]!.GetValue<string>());

        var transcript = await app.TranscriptAsync(tenant, sessionId);
        var messages = transcript!["messages"]!.AsArray();
        Assert.Equal(["visitor", "assistant", "system", "visitor", "agent", "system", "visitor", "assistant"], messages.Select(m => m!["role"]!.GetValue<string>()));
        Assert.Equal(Enumerable.Range(1, 8), messages.Select(m => m!["seq"]!.GetValue<int>()));
        Assert.Equal("assistant", transcript["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Widget_event_stream_resumes_after_last_event_id()
    {
        var tenant = await app.SignupAsync();
        var owner = app.Bearer(tenant.Token);
        var sessionId = ChatApi.NewSession();
        var visitorToken = (await app.WidgetChatAsync(tenant.WidgetKey, sessionId, "hello"))["visitor_token"]!.GetValue<string>();
        var first = await (await owner.PostJsonAsync($"/api/chat/sessions/{sessionId}/reply", new { message = "first agent line" })).OkJsonAsync(HttpStatusCode.Created);
        await (await owner.PostJsonAsync($"/api/chat/sessions/{sessionId}/reply", new { message = "second agent line" })).OkJsonAsync(HttpStatusCode.Created);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var client = app.Widget(tenant.WidgetKey);
        client.DefaultRequestHeaders.Add("Last-Event-ID", first["seq"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var stream = await client.OpenStreamAsync($"/api/widget/sessions/{sessionId}/events?visitor_token={visitorToken}", cts.Token);
        await using var events = stream.ReadEventsAsync(cts.Token).GetAsyncEnumerator(cts.Token);

        var next = await events.NextMatchingAsync(e => e.Event == "message");
        Assert.Equal("second agent line", next.Json["message"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Widget_event_stream_refuses_a_foreign_origin_and_another_tenants_session()
    {
        var tenant = await app.SignupAsync();
        var other = await app.SignupAsync();
        var sessionId = ChatApi.NewSession();
        await app.WidgetChatAsync(tenant.WidgetKey, sessionId, "hello");

        var foreign = await app.Widget(tenant.WidgetKey, "https://evil.example.net").GetAsync($"/api/widget/sessions/{sessionId}/events");
        var crossTenant = await app.Widget(other.WidgetKey).GetAsync($"/api/widget/sessions/{sessionId}/events");

        await foreign.AssertProblemAsync(403, "origin_not_allowed");
        await crossTenant.AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task Release_when_not_taken_over_is_a_conflict()
    {
        var tenant = await app.SignupAsync();
        var sessionId = ChatApi.NewSession();
        await app.WidgetChatAsync(tenant.WidgetKey, sessionId, "hello");

        var response = await app.Bearer(tenant.Token).PostAsync($"/api/chat/sessions/{sessionId}/release", null);

        await response.AssertProblemAsync(409, "session_not_taken_over");
        Assert.Equal(["visitor", "assistant"], (await app.TurnsAsync(tenant, sessionId)).Select(t => t.Role));
    }

    [Fact]
    public async Task Takeover_of_an_unknown_session_is_not_found()
    {
        var tenant = await app.SignupAsync();

        var response = await app.Bearer(tenant.Token).PostAsync($"/api/chat/sessions/{ChatApi.NewSession()}/takeover", null);

        await response.AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task Live_feed_receives_a_new_visitor_message()
    {
        var tenant = await app.SignupAsync();
        var sessionId = ChatApi.NewSession();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var stream = await app.Bearer(tenant.Token).OpenStreamAsync("/api/chat/events", cts.Token);
        await using var events = stream.ReadEventsAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        await events.NextMatchingAsync(e => e.Event == "ready");

        await app.WidgetChatAsync(tenant.WidgetKey, sessionId, "a brand new question for the feed");

        var arrived = await events.NextMatchingAsync(e => e.Event == "message" && e.Json["session_id"]?.GetValue<string>() == sessionId);
        Assert.Equal("visitor", arrived.Json["message"]!["role"]!.GetValue<string>());
        Assert.Equal("a brand new question for the feed", arrived.Json["message"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Live_feed_needs_credentials()
    {
        var response = await app.CreateClient().GetAsync("/api/chat/events");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
