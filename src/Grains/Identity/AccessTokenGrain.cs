using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;

namespace Bob.Grains.Identity;

[GenerateSerializer, Alias("bob.AccessTokenState")]
public sealed class AccessTokenState
{
    [Id(0)] public TenantId Tenant { get; set; }
    [Id(1)] public string UserId { get; set; } = "";
    [Id(2)] public string CsrfToken { get; set; } = "";
    [Id(3)] public DateTimeOffset ExpiresAt { get; set; }
    [Id(4)] public bool Revoked { get; set; }
}

public sealed class AccessTokenGrain(
    [PersistentState("token", "bob")] IPersistentState<AccessTokenState> token,
    TimeProvider time) : Grain, IAccessTokenGrain
{
    public async Task IssueAsync(TenantId tenant, string userId, string csrfToken, DateTimeOffset expiresAt)
    {
        token.State = new AccessTokenState { Tenant = tenant, UserId = userId, CsrfToken = csrfToken, ExpiresAt = expiresAt };
        await token.WriteStateAsync();
    }

    public async Task<Principal?> AuthenticateAsync()
    {
        var state = token.State;
        if (!token.RecordExists || state.Revoked || string.IsNullOrEmpty(state.UserId) || state.ExpiresAt <= time.GetUtcNow())
        {
            return null;
        }
        // Role and membership are read live from the team, so a demotion or removal applies to the very next call.
        var membership = await GrainFactory.GetGrain<ITenantGrain>(state.Tenant).GetMembershipAsync(state.UserId);
        return membership is null
            ? null
            : new Principal(state.Tenant, state.UserId, membership.Member.Email, membership.Member.Role, state.CsrfToken, state.ExpiresAt, membership.TenantSuspended);
    }

    public async Task RevokeAsync()
    {
        if (token.RecordExists && !token.State.Revoked)
        {
            token.State.Revoked = true;
            await token.WriteStateAsync();
        }
    }
}
