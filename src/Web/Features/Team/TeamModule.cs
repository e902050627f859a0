using Bob.Grains.Abstractions.Identity;
using Bob.Web.Auth;
using Bob.Web.Http;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bob.Web.Features.Team;

public sealed record InvitationBody(string? Email, string? Role);

public sealed record RoleBody(string? Role);

public sealed record InvitationResponse(string Id, string Email, string Role, string InviteToken, string InviteUrl, DateTimeOffset ExpiresAt);

public sealed class TeamModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup("/api/team").WithTags("Team").RequirePermission(Permissions.TeamManage)
            .ProducesProblems(401, 403, 503);

        app.MapGet("/", GetTeamAsync).WithName("GetTeam").WithSummary("Members and open invitations");
        app.MapPost("/invitations", InviteAsync).WithName("Invite")
            .WithSummary("Invite a member; hand the returned link on. Past the plan's seats (pending invitations count, viewers are free): 409 seat_limit_reached");
        app.MapDelete("/invitations/{id:bobid}", CancelInvitationAsync).WithName("CancelInvitation")
            .WithSummary("Withdraw an open invitation: its link stops working and its seat is free");
        app.MapPut("/{userId:bobid}", ChangeRoleAsync).WithName("ChangeRole")
            .WithSummary("Change a member's role (only an owner grants or changes the owner role)");
        app.MapDelete("/{userId:bobid}", RemoveMemberAsync).WithName("RemoveMember")
            .WithSummary("Remove a member; their access ends at once");
    }

    public static async Task<Ok<Bob.Grains.Abstractions.Identity.Team>> GetTeamAsync(Caller caller, IClusterClient cluster) =>
        TypedResults.Ok(await TeamActions.Tenant(cluster, caller).GetTeamAsync());

    public static async Task<Results<Created<InvitationResponse>, Problem<Status400, Status409>>> InviteAsync(
        InvitationBody body, Caller caller, IClusterClient cluster, HttpContext context, IConfiguration configuration) =>
        (await TeamActions.InviteAsync(cluster, caller, body.Email, body.Role, PublicUrl.Of(context, configuration)))
            .CreatedOr(_ => "/api/team", Problem<Status400, Status409>.For);

    public static async Task<Results<NoContent, Problem<Status404>>> CancelInvitationAsync(string id, Caller caller, IClusterClient cluster) =>
        (await TeamActions.Tenant(cluster, caller).CancelInvitationAsync(id)).NoContentOr(Problem<Status404>.For);

    public static async Task<Results<Ok<TeamMember>, Problem<Status400, Status404, Status409>>> ChangeRoleAsync(string userId, RoleBody body, Caller caller, IClusterClient cluster) =>
        (await TeamActions.ChangeRoleAsync(cluster, caller, userId, body.Role)).OkOr(Problem<Status400, Status404, Status409>.For);

    public static async Task<Results<NoContent, Problem<Status404, Status409>>> RemoveMemberAsync(string userId, Caller caller, IClusterClient cluster) =>
        (await TeamActions.Tenant(cluster, caller).RemoveMemberAsync(caller.Actor, userId)).NoContentOr(Problem<Status404, Status409>.For);
}
