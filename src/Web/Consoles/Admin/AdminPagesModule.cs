using Bob.Grains.Abstractions.Admin;
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
            RenderAsync(cluster, context, q, page, done switch { "suspended" => "Tenant suspended.", "resumed" => "Tenant resumed.", _ => null }, null))
            .MemberPage(ConsolePage.Admin);
        app.MapPost(path + "/tenants/{id:bobid}/suspend", (string id, IClusterClient cluster, HttpContext context) => SetAsync(id, true, cluster, context))
            .MemberPage(ConsolePage.Admin);
        app.MapPost(path + "/tenants/{id:bobid}/resume", (string id, IClusterClient cluster, HttpContext context) => SetAsync(id, false, cluster, context))
            .MemberPage(ConsolePage.Admin);
    }

    private static async Task<IResult> SetAsync(string id, bool suspended, IClusterClient cluster, HttpContext context)
    {
        var changed = await cluster.GetGrain<ITenantGrain>(id).SetSuspendedAsync(suspended);
        return changed.IsSuccess
            ? PageResults.SeeOther($"{ConsolePage.Admin.Path}?done={(suspended ? "suspended" : "resumed")}")
            : await RenderAsync(cluster, context, null, null, null, changed.Failure);
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
