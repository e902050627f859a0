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
