using Bob.Grains.Abstractions.Billing;
using Bob.Web.Auth;
using Carter;

namespace Bob.Web.Consoles.Portal;

/// <summary>The Usage page: this billing period's plan, credits and overage, and credits per day (GET /api/usage's data).</summary>
public sealed class UsagePagesModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet(ConsolePage.Usage.Path, async (Caller caller, IClusterClient cluster, HttpContext context) =>
        {
            var usage = await cluster.GetGrain<IUsageGrain>(caller.Tenant.Value).GetAsync();
            return usage.IsSuccess
                ? PageResults.Render<UsagePage>(new { Viewer = PageViewer.Of(context), Usage = usage.Value })
                : PageResults.RenderFailure<UsagePage>(usage.Failure!, new { Viewer = PageViewer.Of(context), usage.Failure });
        }).MemberPage(ConsolePage.Usage);
}
