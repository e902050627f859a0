using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Insights;
using Bob.Web.Auth;
using Bob.Web.Features.Insights;
using Carter;

namespace Bob.Web.Consoles.Portal;

/// <summary>The Insights page: GET /api/insights's figures for the days the form picks (the last 30 by default).</summary>
public sealed class InsightsPagesModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet(ConsolePage.Insights.Path, async (Caller caller, IClusterClient cluster, HttpContext context, TimeProvider time, string? from, string? to) =>
        {
            // The form sends empty fields for "the default".
            from = string.IsNullOrWhiteSpace(from) ? null : from;
            to = string.IsNullOrWhiteSpace(to) ? null : to;
            Result<TenantInsights> insights = await InsightsRange.ReadAsync(cluster, caller.Tenant, from, to, time);
            var parameters = new { Viewer = PageViewer.Of(context), From = from, To = to, Insights = insights.Value, insights.Failure };
            return insights.IsSuccess ? PageResults.Render<InsightsPage>(parameters) : PageResults.RenderFailure<InsightsPage>(insights.Failure!, parameters);
        }).MemberPage(ConsolePage.Insights);
}
