using System.Globalization;
using System.Text.Json.Nodes;
using Bob.Grains.Abstractions.Audit;
using Bob.Grains.Abstractions.Common;
using Bob.Web.Http;

namespace Bob.Web.Features.Audit;

/// <summary>The query string of <c>GET /api/audit</c> (and of the Audit log page), as given: every member may be absent.</summary>
public sealed record AuditFilter(string? Cursor, string? Limit, string? Actor, string? Action, string? From, string? To);

/// <summary>Reading the tenant's audit log, as the API and the Audit log page both do it.</summary>
public static class AuditLog
{
    private const int ActorMax = 320;

    /// <summary>A page of the tenant's entries, newest first, or the problems with the filter (nothing is read then).</summary>
    public static async Task<Result<AuditPageView>> ListAsync(IClusterClient cluster, TenantId tenant, AuditFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (cursor, limit, actor, action, from, to) = filter;
        long before = 0;
        var size = AuditQuery.DefaultLimit;
        DateTimeOffset fromTime = default, toTime = default;
        var invalid = new Fields()
            .Check(cursor is null || (IsDigits(cursor, 18) && long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out before) && before > 0),
                "cursor", "cursor must be a nextCursor this route returned.")
            .Check(limit is null || (IsDigits(limit, 3) && int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) && size is >= 1 and <= AuditQuery.MaxLimit),
                "limit", $"limit must be 1..{AuditQuery.MaxLimit}.")
            .Check(actor is null || (actor.Trim().Length is > 0 and <= ActorMax && !actor.Contains('\0', StringComparison.Ordinal)),
                "actor", $"actor must be a user id, an email, system or platform (1..{ActorMax} characters).")
            .Check(action is null || AuditActions.IsKnown(action), "action", $"action must be one of {string.Join(", ", AuditActions.All)}.")
            .Check(from is null || TryParseTime(from, out fromTime), "from", "from must be an ISO 8601 time with an offset, e.g. 2026-01-31T00:00:00Z.")
            .Check(to is null || TryParseTime(to, out toTime), "to", "to must be an ISO 8601 time with an offset, e.g. 2026-02-01T00:00:00Z.")
            .Failure;
        if (invalid is null && from is not null && to is not null && fromTime >= toTime)
        {
            invalid = Failure.Validation("to", "to must be after from.");
        }
        if (invalid is not null)
        {
            return invalid;
        }
        var query = new AuditQuery(cursor is null ? null : before, size, actor?.Trim(), action,
            from is null ? null : fromTime, to is null ? null : toTime);
        var page = await cluster.GetGrain<IAuditLogGrain>(tenant).ListAsync(query);
        return new AuditPageView([.. page.Items.Select(View)], page.NextBefore?.ToString(CultureInfo.InvariantCulture));
    }

    private static AuditEntryView View(AuditEntry entry) =>
        new(entry.Id, entry.Tenant.Value, entry.At, entry.Actor, entry.Action, entry.Target, Json(entry.Before), Json(entry.After));

    private static JsonNode? Json(string? text) => text is null ? null : JsonNode.Parse(text);

    private static bool IsDigits(string value, int maxLength) => value.Length is > 0 && value.Length <= maxLength && value.All(char.IsAsciiDigit);

    private static bool TryParseTime(string value, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
}
