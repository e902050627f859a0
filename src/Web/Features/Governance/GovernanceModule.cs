using Bob.Grains.Abstractions.Governance;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Auth;
using Bob.Web.Http;
using Carter;

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
        var app = endpoints.MapGroup("/api/governance").WithTags("Governance").RequirePermission(Permissions.GovernanceManage);
        app.MapGet("/", async (Caller caller, IClusterClient cluster, HttpContext context) =>
            await GovernanceActions.Grain(cluster, caller).GetAsync() is { } settings
                ? TypedResults.Ok(settings)
                : Problems.From(Grains.Abstractions.Common.Failure.NotFound("Tenant"), context)).WithName("GetGovernance")
            .Describe<GovernanceSettings>("This tenant's governance: blocked topics, PII redaction, handoff keywords, credit policy, retention, public chat",
                StatusCodes.Status200OK, 401, 403, 404, 503);
        app.MapPut("/", async (GovernanceBody body, Caller caller, IClusterClient cluster, HttpContext context) =>
            (await GovernanceActions.UpdateAsync(cluster, caller, body)).ToHttp(context)).WithName("UpdateGovernance")
            .Describe<GovernanceSettings>(
                $"Replace the governance: lists of at most {GovernanceRules.MaxListEntries} entries of 1..{GovernanceRules.MaxEntryLength} characters, " +
                $"creditPolicy hard_stop or overage, retentionDays null or {GovernanceRules.MinRetentionDays}..{GovernanceRules.MaxRetentionDays}",
                StatusCodes.Status200OK, 400, 401, 403, 404, 503);
    }
}
