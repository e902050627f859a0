using Bob.Grains.Abstractions.Governance;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Auth;
using Bob.Web.Http;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bob.Web.Features.Governance;

/// <summary>A whole governance document: every member but <see cref="RetentionDays"/> (absent or null: keep transcripts) is required.</summary>
public sealed record GovernanceBody(
    IReadOnlyList<string>? BlockedTopics, bool? PiiRedaction, IReadOnlyList<string>? HandoffKeywords,
    string? CreditPolicy, int? RetentionDays, bool? PublicChat);

/// <summary>Guardrails, credit policy, retention and public chat: read and replaced as one document by whoever may govern.</summary>
public sealed class GovernanceModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup("/api/governance").WithTags("Governance").RequirePermission(Permissions.GovernanceManage)
            .ProducesProblems(401, 403, 503);
        app.MapGet("/", GetGovernanceAsync).WithName("GetGovernance")
            .WithSummary("This tenant's governance: blocked topics, PII redaction, handoff keywords, credit policy, retention, public chat");
        app.MapPut("/", UpdateGovernanceAsync).WithName("UpdateGovernance")
            .WithSummary($"Replace the governance: lists of at most {GovernanceRules.MaxListEntries} entries of 1..{GovernanceRules.MaxEntryLength} characters, " +
                $"creditPolicy hard_stop or overage, retentionDays null or {GovernanceRules.MinRetentionDays}..{GovernanceRules.MaxRetentionDays}");
    }

    public static async Task<Results<Ok<GovernanceSettings>, Problem<Status404>>> GetGovernanceAsync(Caller caller, IClusterClient cluster) =>
        await GovernanceActions.Grain(cluster, caller).GetAsync() is { } settings
            ? TypedResults.Ok(settings)
            : Problem<Status404>.For(Grains.Abstractions.Common.Failure.NotFound("Tenant"));

    public static async Task<Results<Ok<GovernanceSettings>, Problem<Status400, Status404>>> UpdateGovernanceAsync(GovernanceBody body, Caller caller, IClusterClient cluster) =>
        (await GovernanceActions.UpdateAsync(cluster, caller, body)).OkOr(Problem<Status400, Status404>.For);
}
