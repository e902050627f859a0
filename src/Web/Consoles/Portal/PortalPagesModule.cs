using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Auth;
using Carter;

namespace Bob.Web.Consoles.Portal;

/// <summary>The Customer Portal's home.</summary>
public sealed class PortalPagesModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapGet(ConsolePage.PortalHome.Path, async (Caller caller, IClusterClient cluster, HttpContext context) =>
        {
            var tenant = cluster.GetGrain<ITenantGrain>(caller.Tenant);
            var summary = tenant.GetAsync();
            var plan = tenant.GetPlanAsync();
            var credits = cluster.GetGrain<ICreditMeterGrain>(caller.Tenant.Value).BalanceAsync();
            return PageResults.Render<PortalHomePage>(new { Viewer = PageViewer.Of(context), Tenant = await summary, Plan = await plan, Credits = await credits });
        }).MemberPage(ConsolePage.PortalHome);
    }
}
