namespace Bob.Grains.Abstractions.Audit;

/// <summary>The entries and the cursor of the next (older) page; null when this was the last.</summary>
[GenerateSerializer, Immutable, Alias("bob.AuditPage")]
public sealed record AuditPage(
    [property: Id(0)] IReadOnlyList<AuditEntry> Items,
    [property: Id(1)] long? NextBefore);
