namespace Bob.Grains.Abstractions.Identity;

[GenerateSerializer, Immutable, Alias("bob.TenantCreation")]
public sealed record TenantCreation(
    [property: Id(0)] string Name,
    [property: Id(1)] string Plan,
    [property: Id(2)] bool PublicChat);
