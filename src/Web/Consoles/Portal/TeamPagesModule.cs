using Bob.Grains.Abstractions.Common;
using Bob.Web.Auth;
using Bob.Web.Features.Team;
using Bob.Web.Http;
using Carter;

namespace Bob.Web.Consoles.Portal;

/// <summary>The Team page: members, roles, removal, and invitations whose link is shown to hand on.</summary>
public sealed class TeamPagesModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var path = ConsolePage.Team.Path;
        app.MapGet(path, (Caller caller, IClusterClient cluster, HttpContext context, string? done) =>
            RenderAsync(cluster, caller, context, new { Notice = done switch { "role" => "Role changed.", "removed" => "Member removed; their access ended.", _ => null } }))
            .MemberPage(ConsolePage.Team);

        app.MapPost(path + "/invitations", async (Caller caller, IClusterClient cluster, HttpContext context, IConfiguration configuration) =>
        {
            var form = await PageForm.ReadAsync(context);
            var invited = await TeamActions.InviteAsync(cluster, caller, form["email"], form["role"], PublicUrl.Of(context, configuration));
            // The link is shown once, on this answer: it is not put into a redirect address, where it would linger in history.
            return await RenderAsync(cluster, caller, context, invited.IsSuccess
                ? new { Invited = invited.Value }
                : new { InviteForm = form, InviteFailure = invited.Failure }, invited.Failure);
        }).MemberPage(ConsolePage.Team);

        app.MapPost(path + "/{userId:bobid}/role", async (string userId, Caller caller, IClusterClient cluster, HttpContext context) =>
        {
            var form = await PageForm.ReadAsync(context);
            var changed = await TeamActions.ChangeRoleAsync(cluster, caller, userId, form["role"]);
            return changed.IsSuccess
                ? PageResults.SeeOther(path + "?done=role")
                : await RenderAsync(cluster, caller, context, new { FailedUserId = userId, changed.Failure }, changed.Failure);
        }).MemberPage(ConsolePage.Team);

        app.MapPost(path + "/{userId:bobid}/remove", async (string userId, Caller caller, IClusterClient cluster, HttpContext context) =>
        {
            var removed = await TeamActions.Tenant(cluster, caller).RemoveMemberAsync(caller.Actor, userId);
            return removed.IsSuccess
                ? PageResults.SeeOther(path + "?done=removed")
                : await RenderAsync(cluster, caller, context, new { FailedUserId = userId, removed.Failure }, removed.Failure);
        }).MemberPage(ConsolePage.Team);
    }

    private static async Task<IResult> RenderAsync(IClusterClient cluster, Caller caller, HttpContext context, object extra, Failure? failure = null)
    {
        var parameters = PageResults.Parameters(context, extra);
        parameters["Team"] = await TeamActions.Tenant(cluster, caller).GetTeamAsync();
        return failure is null ? PageResults.Render<TeamPage>(parameters) : PageResults.RenderFailure<TeamPage>(failure, parameters);
    }
}
