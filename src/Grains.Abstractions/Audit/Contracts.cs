using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Abstractions.Audit;

/// <summary>
/// What a grain appends to a tenant's audit log. <see cref="Before"/> and <see cref="After"/> are small JSON objects
/// summarising the target (see <c>AuditSummaries</c>): never a secret, a password, a key value or a visitor's text.
/// </summary>
[GenerateSerializer, Immutable, Alias("bob.AuditRecord")]
public sealed record AuditRecord(
    [property: Id(0)] AuditActor Actor,
    [property: Id(1)] string Action,
    [property: Id(2)] AuditTarget Target,
    [property: Id(3)] string? Before,
    [property: Id(4)] string? After);

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

/// <summary>
/// A page of the log, newest first. <see cref="Before"/> is the cursor (entries with a smaller id); <see cref="Actor"/>
/// matches a user id, an email, or an actor type (<c>system</c>, <c>platform</c>); times are [From, To).
/// </summary>
[GenerateSerializer, Immutable, Alias("bob.AuditQuery")]
public sealed record AuditQuery(
    [property: Id(0)] long? Before,
    [property: Id(1)] int Limit,
    [property: Id(2)] string? Actor,
    [property: Id(3)] string? Action,
    [property: Id(4)] DateTimeOffset? From,
    [property: Id(5)] DateTimeOffset? To)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;
}

/// <summary>The entries and the cursor of the next (older) page; null when this was the last.</summary>
[GenerateSerializer, Immutable, Alias("bob.AuditPage")]
public sealed record AuditPage(
    [property: Id(0)] IReadOnlyList<AuditEntry> Items,
    [property: Id(1)] long? NextBefore);
