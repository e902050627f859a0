using System.Security.Cryptography;
using Bob.Grains.Abstractions.Identity;

namespace Bob.Grains.Identity;

[GenerateSerializer, Alias("bob.TokenSigningKeyState")]
public sealed class TokenSigningKeyState
{
    [Id(0)] public byte[] Key { get; set; } = [];
}

public sealed class TokenSigningKeyGrain([PersistentState("tokensigningkey", "bob")] IPersistentState<TokenSigningKeyState> key) : Grain, ITokenSigningKeyGrain
{
    public async Task<byte[]> GetAsync()
    {
        if (key.State.Key.Length == 0)
        {
            key.State.Key = RandomNumberGenerator.GetBytes(32);
            await key.WriteStateAsync();
        }
        return key.State.Key;
    }
}
