using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Abstractions.Audit;

/// <summary>One stored entry. <see cref="Id"/> numbers a tenant's entries 1, 2, 3… without gaps, in the order they happened.</summary>
[GenerateSerializer, Immutable, Alias("bob.AuditEntry")]
public sealed record AuditEntry(
    [property: Id(0)] long Id,
    [property: Id(1)] TenantId Tenant,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] AuditActor Actor,
    [property: Id(4)] string Action,
    [property: Id(5)] AuditTarget Target,
    [property: Id(6)] string? Before,
    [property: Id(7)] string? After);
