using Bob.Grains.Abstractions.Identity;

namespace Bob.Grains.Identity;

[GenerateSerializer, Alias("bob.InvitationState")]
public sealed class InvitationState
{
    [Id(0)] public InvitationDetails? Details { get; set; }
    [Id(1)] public bool Redeemed { get; set; }
    [Id(2)] public bool Revoked { get; set; }
}

public sealed class InvitationGrain(
    [PersistentState("invitation", "bob")] IPersistentState<InvitationState> invitation,
    TimeProvider time) : Grain, IInvitationGrain
{
    public async Task CreateAsync(InvitationDetails details)
    {
        invitation.State = new InvitationState { Details = details };
        await invitation.WriteStateAsync();
    }

    public async Task<InvitationDetails?> RedeemAsync()
    {
        var state = invitation.State;
        if (state.Details is null || state.Redeemed || state.Revoked || state.Details.ExpiresAt <= time.GetUtcNow())
        {
            return null;
        }
        state.Redeemed = true;
        await invitation.WriteStateAsync();
        return state.Details;
    }

    public async Task RestoreAsync()
    {
        invitation.State.Redeemed = false;
        await invitation.WriteStateAsync();
    }

    public async Task RevokeAsync()
    {
        invitation.State.Revoked = true;
        await invitation.WriteStateAsync();
    }
}
