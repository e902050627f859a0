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
            TypedResults.Ok(await Tenant(cluster, caller).GetTeamAsync())).WithName("GetTeam");

        app.MapPost("/invitations", InviteAsync).WithName("Invite").WithSummary("Invite a member; hand the returned link on");

        app.MapPut("/{userId:bobid}", async (string userId, RoleBody body, Caller caller, IClusterClient cluster, HttpContext context) =>
        {
            if (new Fields().Required("role", body.Role).Failure is { } invalid)
            {
                return Problems.From(invalid);
            }
            return (await Tenant(cluster, caller).ChangeRoleAsync(caller.Actor, userId, body.Role!)).ToHttp(context);
        }).WithName("ChangeRole");

        app.MapDelete("/{userId:bobid}", async (string userId, Caller caller, IClusterClient cluster, HttpContext context) =>
            (await Tenant(cluster, caller).RemoveMemberAsync(caller.Actor, userId)).ToHttp(context)).WithName("RemoveMember");
    }

    private static async Task<IResult> InviteAsync(InvitationBody body, Caller caller, IClusterClient cluster, HttpContext context, IConfiguration configuration)
    {
        if (new Fields().Required("email", body.Email).Required("role", body.Role).Failure is { } invalid)
        {
            return Problems.From(invalid);
        }
        var result = await Tenant(cluster, caller).InviteAsync(caller.Actor, body.Email!, body.Role!);
        return result.ToHttp(context, issued => TypedResults.Created($"/api/team", new InvitationResponse(
            issued.Id, issued.Email, issued.Role, issued.InviteToken,
            $"{PublicUrl.Of(context, configuration)}/accept-invitation?token={Uri.EscapeDataString(issued.InviteToken)}",
            issued.ExpiresAt)));
    }

    private static ITenantGrain Tenant(IClusterClient cluster, Caller caller) => cluster.GetGrain<ITenantGrain>(caller.Tenant);
}
