using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Auth;
using Bob.Web.Http;

namespace Bob.Web.Features.Team;

/// <summary>Inviting and changing roles, as the API and the Team page both do them.</summary>
public static class TeamActions
{
    /// <summary>An invitation and the link to hand on (<c>/accept-invitation?token=…</c> on Bob's public URL).</summary>
    public static async Task<Result<InvitationResponse>> InviteAsync(IClusterClient cluster, Caller caller, string? email, string? role, string publicUrl)
    {
        if (new Fields().Required("email", email).Required("role", role).Failure is { } invalid)
        {
            return invalid;
        }
        var result = await Tenant(cluster, caller).InviteAsync(caller.Actor, email!, role!);
        if (!result.IsSuccess)
        {
            return result.Failure!;
        }
        var issued = result.Value!;
        return new InvitationResponse(issued.Id, issued.Email, issued.Role, issued.InviteToken,
            $"{publicUrl}/accept-invitation?token={Uri.EscapeDataString(issued.InviteToken)}", issued.ExpiresAt);
    }

    public static async Task<Result<TeamMember>> ChangeRoleAsync(IClusterClient cluster, Caller caller, string userId, string? role)
    {
        if (new Fields().Required("role", role).Failure is { } invalid)
        {
            return invalid;
        }
        return await Tenant(cluster, caller).ChangeRoleAsync(caller.Actor, userId, role!);
    }

    public static ITenantGrain Tenant(IClusterClient cluster, Caller caller) => cluster.GetGrain<ITenantGrain>(caller.Tenant);
}
