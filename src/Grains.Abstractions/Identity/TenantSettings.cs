namespace Bob.Grains.Abstractions.Identity;

[GenerateSerializer, Immutable, Alias("bob.TenantSettings")]
public sealed record TenantSettings(
    [property: Id(0)] bool PublicChat,
    [property: Id(1)] bool Suspended,
    [property: Id(2)] string? AssistantEngine,
    [property: Id(3)] string CreditPolicy);
