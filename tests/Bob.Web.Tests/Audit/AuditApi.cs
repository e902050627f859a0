using System.Text.Json.Nodes;

namespace Bob.Web.Tests.Audit;

public static class AuditApi
{
    /// <summary>One page of the audit log as <paramref name="token"/>'s user sees it; <paramref name="query"/> is the raw query string.</summary>
    public static async Task<JsonObject> AuditPageAsync(this BobWebApp app, string token, string query = "")
    {
        var response = await app.Bearer(token).GetAsync($"/api/audit{(query.Length == 0 ? "" : "?" + query)}");
        Assert.Equal(200, (int)response.StatusCode);
        return await response.JsonAsync();
    }

    /// <summary>Every entry matching <paramref name="query"/>, newest first, following the cursor to the end.</summary>
    public static async Task<List<JsonObject>> AuditEntriesAsync(this BobWebApp app, string token, string query = "")
    {
        var entries = new List<JsonObject>();
        string? cursor = null;
        do
        {
            var page = await app.AuditPageAsync(token, string.Join('&', new[] { query, cursor is null ? "" : $"cursor={cursor}", "limit=100" }.Where(p => p.Length > 0)));
            entries.AddRange(page["items"]!.AsArray().Select(e => e!.AsObject()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        return entries;
    }

    /// <summary>The id of the newest entry <paramref name="token"/>'s user can see (0 when the log is empty).</summary>
    public static async Task<long> LastAuditIdAsync(this BobWebApp app, string token) =>
        (await app.AuditPageAsync(token, "limit=1"))["items"]!.AsArray().FirstOrDefault()?["id"]!.GetValue<long>() ?? 0;

    public static string Action(this JsonObject entry) => entry["action"]!.GetValue<string>();

    public static long Id(this JsonObject entry) => entry["id"]!.GetValue<long>();

    public static string TargetId(this JsonObject entry) => entry["target"]!["id"]!.GetValue<string>();

    public static string? ActorId(this JsonObject entry) => entry["actor"]!["userId"]?.GetValue<string>();

    public static string ActorType(this JsonObject entry) => entry["actor"]!["type"]!.GetValue<string>();
}
