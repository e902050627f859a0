namespace Bob.Grains.Abstractions.Identity;

/// <summary>
/// The cluster's key for access token MACs (<see cref="AccessTokens.New"/>), made once at random and kept in grain
/// storage. Web nodes read it once and check a token's MAC before asking its grain, so a made-up token costs no
/// activation and no query.
/// </summary>
[Alias("bob.ITokenSigningKeyGrain")]
public interface ITokenSigningKeyGrain : IGrainWithIntegerKey
{
    [Alias("Get")]
    Task<byte[]> GetAsync();
}
