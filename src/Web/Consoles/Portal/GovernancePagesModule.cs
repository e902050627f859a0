using System.Globalization;
using Bob.Grains.Abstractions.Common;
using Bob.Web.Auth;
using Bob.Web.Features.Governance;
using Carter;

namespace Bob.Web.Consoles.Portal;

/// <summary>The Governance page: guardrails, credit policy, retention and public chat, replaced as one document through
/// <see cref="GovernanceActions"/> like <c>PUT /api/governance</c>.</summary>
public sealed class GovernancePagesModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var path = ConsolePage.Governance.Path;
        app.MapGet(path, (Caller caller, IClusterClient cluster, HttpContext context, string? done) =>
            RenderAsync(cluster, caller, context, done == "saved" ? "Governance saved; the next chat turn applies it." : null, null, null))
            .MemberPage(ConsolePage.Governance);

        app.MapPost(path, async (Caller caller, IClusterClient cluster, HttpContext context) =>
        {
            var form = await PageForm.ReadAsync(context);
            var body = ReadBody(form, out var retentionError);
            var saved = retentionError ?? (await GovernanceActions.UpdateAsync(cluster, caller, body)).Failure;
            return saved is null
                ? PageResults.SeeOther(path + "?done=saved")
                : await RenderAsync(cluster, caller, context, null, form, saved);
        }).MemberPage(ConsolePage.Governance);
    }

    /// <summary>The form as the API's body: one list entry per line, ticked boxes true, an empty retention null (keep).</summary>
    private static GovernanceBody ReadBody(PageForm form, out Failure? retentionError)
    {
        int? retention = null;
        retentionError = null;
        if (form["retentionDays"]?.Trim() is { Length: > 0 } days)
        {
            if (days.Length <= 9 && int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                retention = parsed;
            }
            else
            {
                retentionError = Failure.Validation("retentionDays", "retentionDays must be a whole number of days, or empty to keep transcripts.");
            }
        }
        return new GovernanceBody(Lines(form["blockedTopics"]), form["piiRedaction"] == "true", Lines(form["handoffKeywords"]),
            form["creditPolicy"], retention, form["publicChat"] == "true");
    }

    private static List<string> Lines(string? text) =>
        [.. (text ?? "").Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0)];

    private static async Task<IResult> RenderAsync(IClusterClient cluster, Caller caller, HttpContext context, string? notice, PageForm? form, Failure? failure)
    {
        var settings = await GovernanceActions.Grain(cluster, caller).GetAsync();
        failure ??= settings is null ? Failure.NotFound("Tenant") : null;
        var parameters = new { Viewer = PageViewer.Of(context), Settings = settings, Notice = notice, Form = form, Failure = failure };
        return failure is null ? PageResults.Render<GovernancePage>(parameters) : PageResults.RenderFailure<GovernancePage>(failure, parameters);
    }
}
