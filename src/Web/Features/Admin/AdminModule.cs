using Bob.Grains.Abstractions.Admin;
using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Auth;
using Bob.Web.Features.Audit;
using Bob.Web.Http;
using Carter;

namespace Bob.Web.Features.Admin;

/// <summary>What the platform admin sees of one tenant: its overview and the size of its team.</summary>
public sealed record AdminTenantView(TenantOverview Tenant, int Members, int PendingInvitations, TenantUsage Usage);

/// <summary>The platform admin's tenant list and suspension (<c>tenants.manage</c>).</summary>
public sealed class AdminModule : ICarterModule
{
    public const int SearchMax = 100;

    public void AddRoutes(IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup("/api/admin/tenants").WithTags("Platform admin").RequirePermission(Permissions.TenantsManage);

        app.MapGet("/", ListAsync).WithName("ListTenants")
            .Describe<TenantPage>("Every tenant, newest first, with plan, status and credits used this period (q searches ids and names; plan, status filters; pages of 1..100)",
                StatusCodes.Status200OK, 400, 401, 403, 503);
        app.MapGet("/{id:bobid}", async (string id, IClusterClient cluster) =>
            await AdminActions.ViewAsync(cluster, id) is { } view ? TypedResults.Ok(view) : Problems.From(Failure.NotFound("Tenant"))).WithName("GetTenantAsAdmin")
            .Describe<AdminTenantView>("One tenant: plan, limits, seats and integrations in use, team size, this period's usage", StatusCodes.Status200OK, 401, 403, 404, 503);
        app.MapGet("/{id:bobid}/audit", ListAuditAsync).WithName("ListTenantAuditAsAdmin")
            .Describe<AuditPageView>("One tenant's audit log, newest first, with the query of GET /api/audit (cursor, limit, actor, action, from, to)",
                StatusCodes.Status200OK, 400, 401, 403, 404, 503);
        app.MapGet("/{id:bobid}/insights", async (string id, IClusterClient cluster, HttpContext context, TimeProvider time, string? from, string? to) =>
            await cluster.GetGrain<ITenantGrain>(id).GetOverviewAsync() is null
                ? Problems.From(Failure.NotFound("Tenant"))
                : (await Insights.InsightsRange.ReadAsync(cluster, new TenantId(id), from, to, time)).ToHttp(context)).WithName("GetTenantInsightsAsAdmin")
            .Describe<Grains.Abstractions.Insights.TenantInsights>("One tenant's insights, with the query of GET /api/insights (from, to: UTC days)",
                StatusCodes.Status200OK, 400, 401, 403, 404, 503);
        app.MapPost("/{id:bobid}/suspend", (string id, IClusterClient cluster, HttpContext context) =>
            SetSuspendedAsync(id, true, cluster, context)).WithName("SuspendTenant")
            .Describe<TenantOverview>("Suspend a tenant: its chat routes and widget answer 403 tenant_suspended, its members can log in and read", StatusCodes.Status200OK, 401, 403, 404, 409, 503);
        app.MapPut("/{id:bobid}/plan", async (string id, Tenant.PlanBody body, IClusterClient cluster, HttpContext context) =>
            (await Tenant.PlanActions.ChangeAsync(cluster, id, body.Plan)).ToHttp(context)).WithName("ChangeTenantPlanAsAdmin")
            .Describe<TenantOverview>("Move a tenant to a plan under the live pricebook, audited; the same rules as PUT /api/tenant/plan (refused while seats or integrations exceed it)",
                StatusCodes.Status200OK, 400, 401, 403, 404, 409, 503);
        app.MapPost("/{id:bobid}/resume", (string id, IClusterClient cluster, HttpContext context) =>
            SetSuspendedAsync(id, false, cluster, context)).WithName("ResumeTenant")
            .Describe<TenantOverview>("Resume a suspended tenant", StatusCodes.Status200OK, 401, 403, 404, 503);
    }

    private static async Task<IResult> ListAsync(IClusterClient cluster, string? q, string? plan, string? status, string? page, string? pageSize)
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
            return Problems.From(invalid);
        }
        return TypedResults.Ok(await cluster.GetGrain<ITenantDirectoryGrain>(0).ListAsync(new TenantQuery(q, plan, status, pageNumber, size)));
    }

    private static async Task<IResult> ListAuditAsync(string id, IClusterClient cluster, HttpContext context,
        string? cursor, string? limit, string? actor, string? action, string? from, string? to)
    {
        if (await cluster.GetGrain<ITenantGrain>(id).GetOverviewAsync() is null)
        {
            return Problems.From(Failure.NotFound("Tenant"));
        }
        return (await AuditLog.ListAsync(cluster, new TenantId(id), new AuditFilter(cursor, limit, actor, action, from, to))).ToHttp(context);
    }

    private static async Task<IResult> SetSuspendedAsync(string id, bool suspended, IClusterClient cluster, HttpContext context) =>
        (await cluster.GetGrain<ITenantGrain>(id).SetSuspendedAsync(suspended)).ToHttp(context);
}
