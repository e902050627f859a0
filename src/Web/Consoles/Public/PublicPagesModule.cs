using Bob.Grains.Abstractions.Billing;
using Carter;

namespace Bob.Web.Consoles.Public;

/// <summary>The public home page: what Bob is, the live pricebook, and the public chat.</summary>
public sealed class PublicPagesModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        // The same grain read as GET /api/pricebook: a publish shows here on the next request, on every node.
        app.MapGet("/", async (IClusterClient cluster, HttpContext context) => PageResults.Render<HomePage>(new
        {
            Viewer = PageViewer.Of(context),
            Pricebook = await cluster.GetGrain<IPricebookGrain>(IPricebookGrain.Key).GetLiveAsync(),
        })).PublicPage();
}
