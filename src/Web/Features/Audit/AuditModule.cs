using System.Globalization;
using System.Text.Json.Nodes;
using Bob.Grains.Abstractions.Audit;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Auth;
using Bob.Web.Http;
using Carter;

namespace Bob.Web.Features.Audit;

public sealed record AuditEntryView(long Id, string TenantId, DateTimeOffset At, AuditActor Actor, string Action, AuditTarget Target, JsonNode? Before, JsonNode? After);

/// <summary>A page of entries, newest first; pass <see cref="NextCursor"/> as <c>cursor</c> for the next (older) one.</summary>
public sealed record AuditPageView(IReadOnlyList<AuditEntryView> Items, string? NextCursor);

/// <summary>The tenant's audit log: who changed what and when. Read-only: no route edits or deletes an entry.</summary>
public sealed class AuditModule : ICarterModule
{
    private const int ActorMax = 320;

    public void AddRoutes(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/audit", ListAsync).WithTags("Audit").RequirePermission(Permissions.AuditRead).WithName("ListAudit")
            .Describe<AuditPageView>(
                "The audit log, newest first: cursor (from nextCursor), limit 1..100 (default 50), actor (user id, email, system or platform), " +
                "action (one of the audited actions), from/to (ISO 8601, from inclusive, to exclusive)",
                StatusCodes.Status200OK, 400, 401, 403, 503);
    }

    private static async Task<IResult> ListAsync(Caller caller, IClusterClient cluster, HttpContext context,
        string? cursor, string? limit, string? actor, string? action, string? from, string? to)
    {
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
            return Problems.From(invalid, context);
        }
        var query = new AuditQuery(cursor is null ? null : before, size, actor?.Trim(), action,
            from is null ? null : fromTime, to is null ? null : toTime);
        var page = await cluster.GetGrain<IAuditLogGrain>(caller.Tenant).ListAsync(query);
        return TypedResults.Ok(new AuditPageView([.. page.Items.Select(View)], page.NextBefore?.ToString(CultureInfo.InvariantCulture)));
    }

    private static AuditEntryView View(AuditEntry entry) =>
        new(entry.Id, entry.Tenant.Value, entry.At, entry.Actor, entry.Action, entry.Target, Json(entry.Before), Json(entry.After));

    private static JsonNode? Json(string? text) => text is null ? null : JsonNode.Parse(text);

    private static bool IsDigits(string value, int maxLength) => value.Length is > 0 && value.Length <= maxLength && value.All(char.IsAsciiDigit);

    private static bool TryParseTime(string value, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
}
