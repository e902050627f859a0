using System.Text.Json.Nodes;
using Bob.Grains.Abstractions.Audit;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Auth;
using Bob.Web.Http;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bob.Web.Features.Audit;

public sealed record AuditEntryView(long Id, string TenantId, DateTimeOffset At, AuditActor Actor, string Action, AuditTarget Target, JsonNode? Before, JsonNode? After);

/// <summary>A page of entries, newest first; pass <see cref="NextCursor"/> as <c>cursor</c> for the next (older) one.</summary>
public sealed record AuditPageView(IReadOnlyList<AuditEntryView> Items, string? NextCursor);

/// <summary>The tenant's audit log: who changed what and when. Read-only: no route edits or deletes an entry.</summary>
public sealed class AuditModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/audit", ListAuditAsync).WithTags("Audit").RequirePermission(Permissions.AuditRead).WithName("ListAudit")
            .WithSummary(
                "The audit log, newest first: cursor (from nextCursor), limit 1..100 (default 50), actor (user id, email, system or platform), " +
                "action (one of the audited actions), from/to (ISO 8601, from inclusive, to exclusive)")
            .ProducesProblems(401, 403, 503);
    }

    public static async Task<Results<Ok<AuditPageView>, Problem<Status400>>> ListAuditAsync(Caller caller, IClusterClient cluster,
        string? cursor, string? limit, string? actor, string? action, string? from, string? to) =>
        (await AuditLog.ListAsync(cluster, caller.Tenant, new AuditFilter(cursor, limit, actor, action, from, to))).OkOr(Problem<Status400>.For);
}
