using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.Insights;
using Bob.Web.Auth;
using Bob.Web.Http;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bob.Web.Features.Insights;

/// <summary>How the assistant is doing: conversations, deflection, handoffs and why, first-answer time, feedback, per day,
/// and the questions it could not answer (<c>usage.read</c>).</summary>
public sealed class InsightsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/insights", GetInsightsAsync)
            .WithTags("Insights").RequirePermission(Permissions.UsageRead).WithName("GetInsights")
            .WithSummary(
                "How the assistant did from `from` to `to` (UTC days YYYY-MM-DD, both included, at most 366; default the last 30 days): " +
                "conversations, deflection (share never handed to a human), handoffs by reason, median first-answer time, answers grounded or not, " +
                "feedback with the newest answers rated down, every day of the range, and unanswered questions grouped with counts and examples")
            .ProducesProblems(401, 403, 503);

    public static async Task<Results<Ok<TenantInsights>, Problem<Status400>>> GetInsightsAsync(Caller caller, IClusterClient cluster, TimeProvider time, string? from, string? to) =>
        (await InsightsRange.ReadAsync(cluster, caller.Tenant, from, to, time)).OkOr(Problem<Status400>.For);
}
