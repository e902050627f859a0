using Bob.Grains.Abstractions.Identity;

namespace Bob.Grains.Identity;

[GenerateSerializer, Alias("bob.UserState")]
public sealed class UserState
{
    [Id(0)] public string Email { get; set; } = "";
    [Id(1)] public string PasswordHash { get; set; } = "";
    [Id(2)] public bool Active { get; set; }
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Tokens issued since tracking began (older ones simply expire), pruned when they expire.</summary>
    [Id(4)] public List<TrackedToken> Tokens { get; set; } = [];
}

[GenerateSerializer, Alias("bob.TrackedToken")]
public sealed record TrackedToken([property: Id(0)] string Key, [property: Id(1)] DateTimeOffset ExpiresAt);

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

    public async Task TrackTokenAsync(string tokenKey, DateTimeOffset expiresAt)
    {
        var now = time.GetUtcNow();
        user.State.Tokens.RemoveAll(t => t.ExpiresAt <= now);
        user.State.Tokens.Add(new TrackedToken(tokenKey, expiresAt));
        await user.WriteStateAsync();
    }

    public async Task<IReadOnlyList<string>> ChangePasswordAsync(string passwordHash)
    {
        var now = time.GetUtcNow();
        var live = user.State.Tokens.Where(t => t.ExpiresAt > now).Select(t => t.Key).ToList();
        user.State.PasswordHash = passwordHash;
        user.State.Tokens = [];
        await user.WriteStateAsync();
        return live;
    }

    public async Task DeactivateAsync()
    {
        user.State.Active = false;
        user.State.PasswordHash = "";
        await user.WriteStateAsync();
    }
}
