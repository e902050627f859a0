using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Auth;
using Bob.Web.Http;
using Carter;

namespace Bob.Web.Features.Team;

public sealed record InvitationBody(string? Email, string? Role);

public sealed record RoleBody(string? Role);

public sealed record InvitationResponse(string Id, string Email, string Role, string InviteToken, string InviteUrl, DateTimeOffset ExpiresAt);

public sealed class TeamModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup("/api/team").WithTags("Team").RequirePermission(Permissions.TeamManage);
        app.MapGet("/", async (Caller caller, IClusterClient cluster) =>
            TypedResults.Ok(await Tenant(cluster, caller).GetTeamAsync())).WithName("GetTeam")
            .Describe<Bob.Grains.Abstractions.Identity.Team>("Members and open invitations", StatusCodes.Status200OK, 401, 403, 503);

        app.MapPost("/invitations", InviteAsync).WithName("Invite")
            .Describe<InvitationResponse>("Invite a member; hand the returned link on. Past the plan's seats (pending invitations count, viewers are free): 409 seat_limit_reached",
                StatusCodes.Status201Created, 400, 401, 403, 409, 503);

        app.MapDelete("/invitations/{id:bobid}", async (string id, Caller caller, IClusterClient cluster, HttpContext context) =>
            (await Tenant(cluster, caller).CancelInvitationAsync(id)).ToHttp(context)).WithName("CancelInvitation")
            .DescribeNoContent("Withdraw an open invitation: its link stops working and its seat is free", 401, 403, 404, 503);

        app.MapPut("/{userId:bobid}", async (string userId, RoleBody body, Caller caller, IClusterClient cluster, HttpContext context) =>
        {
            return (await TeamActions.ChangeRoleAsync(cluster, caller, userId, body.Role)).ToHttp(context);
        }).WithName("ChangeRole")
            .Describe<TeamMember>("Change a member's role (only an owner grants or changes the owner role)", StatusCodes.Status200OK, 400, 401, 403, 404, 409, 503);

        app.MapDelete("/{userId:bobid}", async (string userId, Caller caller, IClusterClient cluster, HttpContext context) =>
            (await Tenant(cluster, caller).RemoveMemberAsync(caller.Actor, userId)).ToHttp(context)).WithName("RemoveMember")
            .DescribeNoContent("Remove a member; their access ends at once", 401, 403, 404, 409, 503);
    }

    private static async Task<IResult> InviteAsync(InvitationBody body, Caller caller, IClusterClient cluster, HttpContext context, IConfiguration configuration) =>
        (await TeamActions.InviteAsync(cluster, caller, body.Email, body.Role, PublicUrl.Of(context, configuration)))
            .ToHttp(context, invitation => TypedResults.Created("/api/team", invitation));

    private static ITenantGrain Tenant(IClusterClient cluster, Caller caller) => cluster.GetGrain<ITenantGrain>(caller.Tenant);
}
