using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Bob.Load;

/// <summary>
/// The load's conversations, opened before any measured phase: session <c>s</c> belongs to widget key <c>s % keys</c>, and
/// its first turn returns the <c>visitor_token</c> every later turn of it must carry (API.md: whoever chose the id).
/// </summary>
public sealed class VisitorSessions
{
    private readonly string[] _ids;
    private readonly string?[] _tokens;
    private readonly IReadOnlyList<string> _keys;

    private VisitorSessions(string prefix, int count, IReadOnlyList<string> keys)
    {
        _ids = Enumerable.Range(0, count).Select(s => $"{prefix}-{s}").ToArray();
        _tokens = new string?[count];
        _keys = keys;
    }

    public int Count => _ids.Length;

    public string Id(int session) => _ids[session % _ids.Length];

    public string? Token(int session) => _tokens[session % _ids.Length];

    /// <summary>The widget key of the tenant the session belongs to (null on the public path, which takes none).</summary>
    public string? Key(int session) => _keys.Count == 0 ? null : _keys[session % _ids.Length % _keys.Count];

    /// <summary>Sends each session's first turn through <paramref name="firstTurn"/> (at most <paramref name="parallel"/> at once) and keeps its token.</summary>
    public static async Task<VisitorSessions> OpenAsync(string prefix, int count, IReadOnlyList<string> keys, int parallel,
        Func<VisitorSessions, int, Task<HttpResponseMessage>> firstTurn)
    {
        var sessions = new VisitorSessions(prefix, count, keys);
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (s, _) =>
        {
            using var response = await firstTurn(sessions, s);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Opening session {sessions.Id(s)} failed ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(_)}");
            }
            var reply = await response.Content.ReadFromJsonAsync<JsonObject>(_);
            sessions._tokens[s] = reply?["visitor_token"]?.GetValue<string>();
        });
        return sessions;
    }

    /// <summary>A chat turn's body for session <paramref name="session"/>: its id, the message and its token once it has one.</summary>
    public object Body(int session, string message) => Token(session) is { } token
        ? new { session_id = Id(session), message, visitor_token = token }
        : new { session_id = Id(session), message };
}
