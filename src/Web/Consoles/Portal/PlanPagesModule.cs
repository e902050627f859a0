using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Common;
using Bob.Web.Auth;
using Bob.Web.Features.Tenant;
using Carter;

namespace Bob.Web.Consoles.Portal;

/// <summary>The Plan page: the live plans beside the current one, usage against each limit, and a change through
/// <see cref="PlanActions"/> (the rules and problems of PUT /api/tenant/plan).</summary>
public sealed class PlanPagesModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapGet(ConsolePage.Plan.Path, (Caller caller, IClusterClient cluster, HttpContext context, string? done) =>
            RenderAsync(cluster, caller, context, done == "changed" ? "Plan changed." : null, null, null))
            .MemberPage(ConsolePage.Plan);

        app.MapPost(ConsolePage.Plan.Path, async (Caller caller, IClusterClient cluster, HttpContext context) =>
        {
            var chosen = (await PageForm.ReadAsync(context))["plan"];
            var changed = await PlanActions.ChangeAsync(cluster, caller.Tenant.Value, chosen);
            return changed.IsSuccess
                ? PageResults.SeeOther(ConsolePage.Plan.Path + "?done=changed")
                : await RenderAsync(cluster, caller, context, null, chosen is not null && Plans.All.Contains(chosen) ? chosen : null, changed.Failure);
        }).MemberPage(ConsolePage.Plan);
    }

    private static async Task<IResult> RenderAsync(IClusterClient cluster, Caller caller, HttpContext context, string? notice, string? chosen, Failure? failure)
    {
        var choice = await PlanActions.ChoiceAsync(cluster, caller.Tenant.Value);
        failure ??= choice is null ? Failure.NotFound("Tenant") : null;
        var parameters = new { Viewer = PageViewer.Of(context), Choice = choice, Notice = notice, Chosen = chosen, Failure = failure };
        return failure is null ? PageResults.Render<PlanPage>(parameters) : PageResults.RenderFailure<PlanPage>(failure, parameters);
    }
}
