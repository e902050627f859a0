using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.Insights;
using Bob.Web.Auth;
using Bob.Web.Http;
using Carter;

namespace Bob.Web.Features.Insights;

/// <summary>How the assistant is doing: conversations, deflection, handoffs and why, first-answer time, feedback, per day,
/// and the questions it could not answer (<c>usage.read</c>).</summary>
public sealed class InsightsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/insights", async (Caller caller, IClusterClient cluster, HttpContext context, TimeProvider time, string? from, string? to) =>
            (await InsightsRange.ReadAsync(cluster, caller.Tenant, from, to, time)).ToHttp(context))
            .WithTags("Insights").RequirePermission(Permissions.UsageRead).WithName("GetInsights")
            .Describe<TenantInsights>(
                "How the assistant did from `from` to `to` (UTC days YYYY-MM-DD, both included, at most 366; default the last 30 days): " +
                "conversations, deflection (share never handed to a human), handoffs by reason, median first-answer time, answers grounded or not, " +
                "feedback with the newest answers rated down, every day of the range, and unanswered questions grouped with counts and examples",
                StatusCodes.Status200OK, 400, 401, 403, 503);
}
