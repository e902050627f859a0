using Bob.Grains.Abstractions.Admin;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Carter;

namespace Bob.Web.Consoles.Admin;

/// <summary>The Admin Dashboard's tenants: plan, credits, status, suspend and resume (platform admin only).</summary>
public sealed class AdminPagesModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var path = ConsolePage.Admin.Path;
        app.MapGet(path, (IClusterClient cluster, HttpContext context, string? q, string? page, string? done) =>
            RenderAsync(cluster, context, q, page, Notice(done), null))
            .MemberPage(ConsolePage.Admin);
        app.MapGet(path + "/tenants/{id:bobid}", (string id, IClusterClient cluster, HttpContext context, string? done) =>
            RenderTenantAsync(id, cluster, context, Notice(done), null))
            .MemberPage(ConsolePage.Admin);
        app.MapPost(path + "/tenants/{id:bobid}/suspend", (string id, IClusterClient cluster, HttpContext context) => SetAsync(id, true, cluster, context))
            .MemberPage(ConsolePage.Admin);
        app.MapPost(path + "/tenants/{id:bobid}/resume", (string id, IClusterClient cluster, HttpContext context) => SetAsync(id, false, cluster, context))
            .MemberPage(ConsolePage.Admin);
        app.MapPost(path + "/tenants/{id:bobid}/plan", async (string id, IClusterClient cluster, HttpContext context) =>
        {
            var chosen = (await PageForm.ReadAsync(context))["plan"];
            var changed = await Features.Tenant.PlanActions.ChangeAsync(cluster, id, chosen);
            return changed.IsSuccess
                ? PageResults.SeeOther($"{TenantPath(id)}?done=plan")
                : await RenderTenantAsync(id, cluster, context, null, changed.Failure, chosen);
        }).MemberPage(ConsolePage.Admin);
    }

    private static string? Notice(string? done) => done switch { "suspended" => "Tenant suspended.", "resumed" => "Tenant resumed.", "plan" => "Plan changed.", _ => null };

    /// <summary>Suspend or resume from the list, or from the tenant's own page (<c>return=tenant</c>), which it then shows again.</summary>
    private static async Task<IResult> SetAsync(string id, bool suspended, IClusterClient cluster, HttpContext context)
    {
        var fromTenant = (await PageForm.ReadAsync(context))["return"] == "tenant";
        var changed = await cluster.GetGrain<ITenantGrain>(id).SetSuspendedAsync(suspended);
        var done = $"done={(suspended ? "suspended" : "resumed")}";
        if (fromTenant)
        {
            return changed.IsSuccess ? PageResults.SeeOther($"{TenantPath(id)}?{done}") : await RenderTenantAsync(id, cluster, context, null, changed.Failure);
        }
        return changed.IsSuccess
            ? PageResults.SeeOther($"{ConsolePage.Admin.Path}?{done}")
            : await RenderAsync(cluster, context, null, null, null, changed.Failure);
    }

    private const string RecentActivity = "10";

    public static string TenantPath(string id) => $"{ConsolePage.Admin.Path}/tenants/{id}";

    /// <summary>One tenant, read as GET /api/admin/tenants/{id} reads it; a tenant that does not exist is the 404 page.</summary>
    private static async Task<IResult> RenderTenantAsync(string id, IClusterClient cluster, HttpContext context, string? notice, Bob.Grains.Abstractions.Common.Failure? failure,
        string? chosen = null)
    {
        if (await Features.Admin.AdminActions.ViewAsync(cluster, id) is not { } view || await Features.Tenant.PlanActions.ChoiceAsync(cluster, id) is not { } choice)
        {
            return PageResults.Render<Shared.NotFoundPage>(new { Viewer = PageViewer.Of(context), What = "This tenant" }, StatusCodes.Status404NotFound);
        }
        var activity = await Features.Audit.AuditLog.ListAsync(cluster, new TenantId(id), new Features.Audit.AuditFilter(null, RecentActivity, null, null, null, null));
        var insights = await Features.Insights.InsightsRange.ReadAsync(cluster, new TenantId(id), null, null, context.RequestServices.GetRequiredService<TimeProvider>());
        var parameters = new
        {
            Viewer = PageViewer.Of(context), View = view, Activity = activity.Value!.Items, Insights = insights.Value, Notice = notice, Failure = failure, Choice = choice,
            Chosen = chosen is not null && Bob.Grains.Abstractions.Billing.Plans.All.Contains(chosen) ? chosen : null
        };
        return failure is null ? PageResults.Render<AdminTenantPage>(parameters) : PageResults.RenderFailure<AdminTenantPage>(failure, parameters);
    }

    private static async Task<IResult> RenderAsync(IClusterClient cluster, HttpContext context, string? q, string? page, string? notice, Bob.Grains.Abstractions.Common.Failure? failure)
    {
        q = string.IsNullOrWhiteSpace(q) ? null : q.Trim()[..Math.Min(q.Trim().Length, Features.Admin.AdminModule.SearchMax)];
        var pageNumber = int.TryParse(page, out var p) && p >= 1 ? p : 1;
        var tenants = await cluster.GetGrain<ITenantDirectoryGrain>(0).ListAsync(new TenantQuery(q, null, null, pageNumber, 25));
        var parameters = new { Viewer = PageViewer.Of(context), Page = tenants, Q = q, Notice = notice, Failure = failure };
        return failure is null ? PageResults.Render<AdminTenantsPage>(parameters) : PageResults.RenderFailure<AdminTenantsPage>(failure, parameters);
    }
}
