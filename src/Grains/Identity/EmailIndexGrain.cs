using Bob.Grains.Abstractions.Identity;

namespace Bob.Grains.Identity;

[GenerateSerializer, Alias("bob.EmailIndexState")]
public sealed class EmailIndexState
{
    [Id(0)] public EmailOwner? Owner { get; set; }
}

public sealed class EmailIndexGrain([PersistentState("email", "bob")] IPersistentState<EmailIndexState> index) : Grain, IEmailIndexGrain
{
    public async Task<bool> ClaimAsync(EmailOwner owner)
    {
        if (index.State.Owner is not null)
        {
            return index.State.Owner == owner;
        }
        index.State.Owner = owner;
        await index.WriteStateAsync();
        return true;
    }

    public Task<EmailOwner?> LookupAsync() => Task.FromResult(index.State.Owner);

    public async Task ReleaseAsync(string userId)
    {
        if (index.State.Owner?.UserId == userId)
        {
            index.State.Owner = null;
            await index.WriteStateAsync();
        }
    }
}
