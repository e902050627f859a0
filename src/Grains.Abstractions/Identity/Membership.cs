namespace Bob.Grains.Abstractions.Identity;

/// <summary>A member as authentication sees them: their role, and whether their tenant is suspended (then they may only read).</summary>
[GenerateSerializer, Immutable, Alias("bob.Membership")]
public sealed record Membership(
    [property: Id(0)] TeamMember Member,
    [property: Id(1)] bool TenantSuspended);
