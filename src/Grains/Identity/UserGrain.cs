using Bob.Grains.Abstractions.Identity;

namespace Bob.Grains.Identity;

[GenerateSerializer, Alias("bob.UserState")]
public sealed class UserState
{
    [Id(0)] public string Email { get; set; } = "";
    [Id(1)] public string PasswordHash { get; set; } = "";
    [Id(2)] public bool Active { get; set; }
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
}

public sealed class UserGrain(
    [PersistentState("user", "bob")] IPersistentState<UserState> user,
    PasswordHasher hasher,
    TimeProvider time) : Grain, IUserGrain
{
    public async Task CreateAsync(string email, string passwordHash)
    {
        user.State = new UserState { Email = email, PasswordHash = passwordHash, Active = true, CreatedAt = time.GetUtcNow() };
        await user.WriteStateAsync();
    }

    /// <summary>A hash weaker than configured is replaced on a successful login; an inactive user costs the same work as any check.</summary>
    public async Task<bool> VerifyPasswordAsync(string password)
    {
        if (!user.State.Active)
        {
            await hasher.BurnAsync(password);
            return false;
        }
        var check = await hasher.VerifyAsync(password, user.State.PasswordHash);
        if (check == PasswordCheck.CorrectButWeak)
        {
            user.State.PasswordHash = await hasher.HashAsync(password);
            await user.WriteStateAsync();
        }
        return check != PasswordCheck.Wrong;
    }

    public async Task DeactivateAsync()
    {
        user.State.Active = false;
        user.State.PasswordHash = "";
        await user.WriteStateAsync();
    }
}
