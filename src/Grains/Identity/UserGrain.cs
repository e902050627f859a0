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

    public Task<bool> VerifyPasswordAsync(string password) =>
        user.State.Active ? hasher.VerifyAsync(password, user.State.PasswordHash) : Task.FromResult(false);

    public async Task DeactivateAsync()
    {
        user.State.Active = false;
        user.State.PasswordHash = "";
        await user.WriteStateAsync();
    }
}
