using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Abstractions.Identity;

[GenerateSerializer, Immutable, Alias("bob.SessionUser")]
public sealed record SessionUser(
    [property: Id(0)] string Id,
    [property: Id(1)] string Email,
    [property: Id(2)] string Role,
    [property: Id(3)] string TenantId,
    [property: Id(4)] IReadOnlyList<string> Permissions);
