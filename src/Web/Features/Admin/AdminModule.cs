using Bob.Grains.Abstractions.Admin;
using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.Insights;
using Bob.Web.Auth;
using Bob.Web.Features.Audit;
using Bob.Web.Http;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bob.Web.Features.Admin;

/// <summary>What the platform admin sees of one tenant: its overview and the size of its team.</summary>
public sealed record AdminTenantView(TenantOverview Tenant, int Members, int PendingInvitations, TenantUsage Usage);

/// <summary>The platform admin's tenant list and suspension (<c>tenants.manage</c>).</summary>
public sealed class AdminModule : ICarterModule
{
    public const int SearchMax = 100;

    public void AddRoutes(IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup("/api/admin/tenants").WithTags("Platform admin").RequirePermission(Permissions.TenantsManage)
            .ProducesProblems(401, 403, 503);

        app.MapGet("/", ListTenantsAsync).WithName("ListTenants")
            .WithSummary("Every tenant, newest first, with plan, status and credits used this period (q searches ids and names; plan, status filters; pages of 1..100)");
        app.MapGet("/{id:bobid}", GetTenantAsAdminAsync).WithName("GetTenantAsAdmin")
            .WithSummary("One tenant: plan, limits, seats and integrations in use, team size, this period's usage");
        app.MapGet("/{id:bobid}/audit", ListTenantAuditAsAdminAsync).WithName("ListTenantAuditAsAdmin")
            .WithSummary("One tenant's audit log, newest first, with the query of GET /api/audit (cursor, limit, actor, action, from, to)");
        app.MapGet("/{id:bobid}/insights", GetTenantInsightsAsAdminAsync).WithName("GetTenantInsightsAsAdmin")
            .WithSummary("One tenant's insights, with the query of GET /api/insights (from, to: UTC days)");
        app.MapPost("/{id:bobid}/suspend", SuspendTenantAsync).WithName("SuspendTenant")
            .WithSummary("Suspend a tenant: its chat routes and widget answer 403 tenant_suspended, its members can log in and read");
        app.MapPut("/{id:bobid}/plan", ChangeTenantPlanAsAdminAsync).WithName("ChangeTenantPlanAsAdmin")
            .WithSummary("Move a tenant to a plan under the live pricebook, audited; the same rules as PUT /api/tenant/plan (refused while seats or integrations exceed it)");
        app.MapPost("/{id:bobid}/resume", ResumeTenantAsync).WithName("ResumeTenant")
            .WithSummary("Resume a suspended tenant");
    }

    public static async Task<Results<Ok<TenantPage>, Problem<Status400>>> ListTenantsAsync(
        IClusterClient cluster, string? q, string? plan, string? status, string? page, string? pageSize)
    {
        var pageNumber = 1;
        var size = 25;
        var invalid = new Fields()
            .Check(q is null || q.Length <= SearchMax, "q", $"q must be at most {SearchMax} characters.")
            .Check(plan is null || Plans.All.Contains(plan), "plan", $"plan must be one of {string.Join(", ", Plans.All)}.")
            .Check(status is null || TenantStatus.All.Contains(status), "status", $"status must be one of {string.Join(", ", TenantStatus.All)}.")
            .Check(page is null || (int.TryParse(page, out pageNumber) && pageNumber >= 1), "page", "page must be a positive integer.")
            .Check(pageSize is null || (int.TryParse(pageSize, out size) && size is >= 1 and <= 100), "pageSize", "pageSize must be 1..100.")
            .Failure;
        if (invalid is not null)
        {
            return Problem<Status400>.For(invalid);
        }
        return TypedResults.Ok(await cluster.GetGrain<ITenantDirectoryGrain>(0).ListAsync(new TenantQuery(q, plan, status, pageNumber, size)));
    }

    public static async Task<Results<Ok<AdminTenantView>, Problem<Status404>>> GetTenantAsAdminAsync(string id, IClusterClient cluster) =>
        await AdminActions.ViewAsync(cluster, id) is { } view ? TypedResults.Ok(view) : Problem<Status404>.For(NoSuchTenant);

    public static async Task<Results<Ok<AuditPageView>, Problem<Status400, Status404>>> ListTenantAuditAsAdminAsync(string id, IClusterClient cluster,
        string? cursor, string? limit, string? actor, string? action, string? from, string? to)
    {
        if (await cluster.GetGrain<ITenantGrain>(id).GetOverviewAsync() is null)
        {
            return Problem<Status400, Status404>.For(NoSuchTenant);
        }
        return (await AuditLog.ListAsync(cluster, new TenantId(id), new AuditFilter(cursor, limit, actor, action, from, to))).OkOr(Problem<Status400, Status404>.For);
    }

    public static async Task<Results<Ok<TenantInsights>, Problem<Status400, Status404>>> GetTenantInsightsAsAdminAsync(
        string id, IClusterClient cluster, TimeProvider time, string? from, string? to)
    {
        if (await cluster.GetGrain<ITenantGrain>(id).GetOverviewAsync() is null)
        {
            return Problem<Status400, Status404>.For(NoSuchTenant);
        }
        return (await Insights.InsightsRange.ReadAsync(cluster, new TenantId(id), from, to, time)).OkOr(Problem<Status400, Status404>.For);
    }

    public static async Task<Results<Ok<TenantOverview>, Problem<Status404, Status409>>> SuspendTenantAsync(string id, IClusterClient cluster) =>
        (await cluster.GetGrain<ITenantGrain>(id).SetSuspendedAsync(true)).OkOr(Problem<Status404, Status409>.For);

    public static async Task<Results<Ok<TenantOverview>, Problem<Status400, Status404, Status409>>> ChangeTenantPlanAsAdminAsync(string id, Tenant.PlanBody body, IClusterClient cluster) =>
        (await Tenant.PlanActions.ChangeAsync(cluster, id, body.Plan)).OkOr(Problem<Status400, Status404, Status409>.For);

    public static async Task<Results<Ok<TenantOverview>, Problem<Status404>>> ResumeTenantAsync(string id, IClusterClient cluster) =>
        (await cluster.GetGrain<ITenantGrain>(id).SetSuspendedAsync(false)).OkOr(Problem<Status404>.For);

    private static Failure NoSuchTenant => Failure.NotFound("Tenant");
}
