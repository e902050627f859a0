using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Abstractions.Identity;

/// <summary>Who is calling, as established by an access token; the only source of a request's tenant.</summary>
[GenerateSerializer, Immutable, Alias("bob.Principal")]
public sealed record Principal(
    [property: Id(0)] TenantId TenantId,
    [property: Id(1)] string UserId,
    [property: Id(2)] string Email,
    [property: Id(3)] string Role,
    [property: Id(4)] string CsrfToken,
    [property: Id(5)] DateTimeOffset ExpiresAt,
    [property: Id(6)] bool TenantSuspended = false);
