using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bob.Web.Tests.Chat;

/// <summary>One server-sent event as read off the wire.</summary>
public sealed record SseEvent(string Event, string Data, string? Id)
{
    public JsonObject Json => JsonNode.Parse(Data)!.AsObject();
}

/// <summary>Helpers for the three chat paths, Mission Control and SSE streams.</summary>
public static class ChatApi
{
    public const string ShopOrigin = "https://shop.example.com";

    /// <summary>A client that sends the widget key and the browser's Origin (either may be left out).</summary>
    public static HttpClient Widget(this BobWebApp app, string? key, string? origin = ShopOrigin)
    {
        var client = app.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Widget-Key", key);
        }
        if (origin is not null)
        {
            client.DefaultRequestHeaders.Add("Origin", origin);
        }
        return client;
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsync(path, ApiClient.RawJson(JsonSerializer.Serialize(body)));

    public static async Task<JsonObject> OkJsonAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        if (response.StatusCode != expected)
        {
            Assert.Fail($"Expected {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        return await response.JsonAsync();
    }

    /// <summary>The visitor tokens first turns returned, by key and session, so a test's later turns prove ownership as the widget does.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Key, string Session), string> VisitorTokens = new();

    /// <summary>The visitor token the first turn of <paramref name="sessionId"/> under <paramref name="key"/> returned, if a helper saw it.</summary>
    public static string? VisitorTokenFor(string key, string sessionId) => VisitorTokens.GetValueOrDefault((key, sessionId));

    /// <summary>Remembers the visitor token a streamed turn's <c>done</c> event carried, for the session's later turns.</summary>
    public static List<SseEvent> RememberToken(this List<SseEvent> events, string key, string sessionId)
    {
        if (events.LastOrDefault(e => e.Event == "done")?.Json["visitor_token"]?.GetValue<string>() is { } issued)
        {
            VisitorTokens[(key, sessionId)] = issued;
        }
        return events;
    }

    /// <summary>A widget turn that must succeed; later turns of the session send the token its first turn returned.</summary>
    public static async Task<JsonObject> WidgetChatAsync(this BobWebApp app, string key, string sessionId, string message, string origin = ShopOrigin)
    {
        var token = VisitorTokens.GetValueOrDefault((key, sessionId));
        var reply = await (await app.Widget(key, origin).PostJsonAsync("/api/widget/chat", new { session_id = sessionId, message, visitor_token = token })).OkJsonAsync();
        if (reply["visitor_token"]?.GetValue<string>() is { } issued)
        {
            VisitorTokens[(key, sessionId)] = issued;
        }
        return reply;
    }

    /// <summary>The transcript as Mission Control sees it, or null when the tenant has no such session (404).</summary>
    public static async Task<JsonObject?> TranscriptAsync(this BobWebApp app, TestTenant tenant, string sessionId)
    {
        var response = await app.Bearer(tenant.Token).GetAsync($"/api/chat/sessions/{sessionId}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        return await response.OkJsonAsync();
    }

    public static async Task<List<(string Role, string Text)>> TurnsAsync(this BobWebApp app, TestTenant tenant, string sessionId)
    {
        var transcript = await app.TranscriptAsync(tenant, sessionId);
        Assert.NotNull(transcript);
        return [.. transcript["messages"]!.AsArray().Select(m => (m!["role"]!.GetValue<string>(), m["text"]!.GetValue<string>()))];
    }

    public static async Task<JsonObject> SessionsAsync(this BobWebApp app, TestTenant tenant, string query = "") =>
        await (await app.Bearer(tenant.Token).GetAsync($"/api/chat/sessions{query}")).OkJsonAsync();

    public static IEnumerable<string> SessionIds(JsonObject page) =>
        page["items"]!.AsArray().Select(i => i!["session_id"]!.GetValue<string>());

    /// <summary>The seed's reply object: {session_id, message_id, reply, persona{id,name}, citations[], handoff, credits{used,remaining}}.</summary>
    public static void AssertReplyShape(JsonObject reply)
    {
        Assert.False(string.IsNullOrEmpty(reply["session_id"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(reply["message_id"]!.GetValue<string>()));
        Assert.NotNull(reply["reply"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(reply["persona"]!["id"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(reply["persona"]!["name"]!.GetValue<string>()));
        Assert.IsType<JsonArray>(reply["citations"]);
        _ = reply["handoff"]!.GetValue<bool>();
        Assert.True(reply["credits"]!["used"]!.GetValue<int>() >= 0);
        Assert.True(reply["credits"]!["remaining"]!.GetValue<int>() >= 0);
    }

    public static bool HasCorsHeaders(HttpResponseMessage response) =>
        response.Headers.Concat(response.Content.Headers).Any(h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));

    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;

    /// <summary>Parses `event:`/`data:`/`id:` lines into events until the stream ends or the token fires.</summary>
    public static async IAsyncEnumerable<SseEvent> ReadEventsAsync(this HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string? name = null;
        string? id = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (name is not null || data.Length > 0)
                {
                    yield return new SseEvent(name ?? "message", data.ToString(), id);
                }
                name = null;
                id = null;
                data.Clear();
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                name = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                if (data.Length > 0)
                {
                    data.Append('\n');
                }
                data.Append(line["data:".Length..].TrimStart());
            }
            else if (line.StartsWith("id:", StringComparison.Ordinal))
            {
                id = line["id:".Length..].Trim();
            }
        }
    }

    /// <summary>Reads a finite stream (a streamed chat reply) to its end, within a deadline.</summary>
    public static async Task<List<SseEvent>> ReadAllEventsAsync(this HttpResponseMessage response, TimeSpan? deadline = null)
    {
        using var cts = new CancellationTokenSource(deadline ?? TimeSpan.FromSeconds(30));
        var events = new List<SseEvent>();
        await foreach (var item in response.ReadEventsAsync(cts.Token))
        {
            events.Add(item);
        }
        return events;
    }

    /// <summary>Advances an open stream until an event matches; fails on end of stream or on the enumerator's deadline.</summary>
    public static async Task<SseEvent> NextMatchingAsync(this IAsyncEnumerator<SseEvent> events, Func<SseEvent, bool> match)
    {
        while (await events.MoveNextAsync())
        {
            if (match(events.Current))
            {
                return events.Current;
            }
        }
        throw new InvalidOperationException("The event stream ended before the expected event arrived.");
    }

    public static async Task<HttpResponseMessage> OpenStreamAsync(this HttpClient client, string path, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return response;
    }

    /// <summary>Invites a member with the role and returns the new member's bearer token.</summary>
    public static async Task<string> InviteMemberAsync(this BobWebApp app, TestTenant tenant, string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}@example.com";
        var invite = await (await app.Bearer(tenant.Token).PostAsJsonAsync("/api/team/invitations", new { email, role })).OkJsonAsync(HttpStatusCode.Created);
        var accepted = await (await app.CreateClient().PostAsJsonAsync("/api/auth/accept-invitation",
            new { token = invite["inviteToken"]!.GetValue<string>(), password = ApiClient.Password })).OkJsonAsync();
        return accepted["token"]!.GetValue<string>();
    }

    public static string NewSession() => $"s_{Guid.NewGuid():N}";
}
