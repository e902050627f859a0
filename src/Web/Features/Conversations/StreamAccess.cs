using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Auth;

namespace Bob.Web.Features.Conversations;

/// <summary>
/// What keeps an open event stream allowed, asked again every <see cref="Every"/> (<c>Bob:Streams:RecheckEvery</c>):
/// the grains that answer a request's credential are asked again, so the stream ends within a second or so of a
/// logout, password change, removal, lost permission, revoked key or suspension, whichever web node saw the change
/// (see docs/decisions.md). <see cref="CheckAsync"/> answers null while the stream may go on, else why it ends.
/// </summary>
public sealed record StreamAccess(Func<Task<Failure?>> CheckAsync, TimeSpan Every)
{
    /// <summary>A member's stream: their token must still authenticate (not logged out, password unchanged, still on the
    /// team) and their role must still grant <paramref name="permission"/>. One call to the token's grain, which reads
    /// the membership live from the tenant.</summary>
    public static StreamAccess ForMember(IClusterClient cluster, Caller caller, string permission, TimeSpan every)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var token = cluster.GetGrain<IAccessTokenGrain>(caller.TokenKey);
        return new StreamAccess(async () =>
        {
            var principal = await token.AuthenticateAsync();
            if (principal is null || principal.UserId != caller.UserId)
            {
                return new Failure(FailureCodes.InvalidToken, "This sign-in ended (logged out, password changed or removed from the team): log in again.");
            }
            return Permissions.Grants(principal.Role, permission)
                ? null
                : new Failure(FailureCodes.Forbidden, "Your role no longer grants this stream.");
        }, every);
    }
}
