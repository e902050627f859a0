namespace Bob.Grains.Abstractions.Identity;

/// <summary>
/// Where a tenant's turn configuration stands: <see cref="Epoch"/> is drawn at random by each activation of the tenant
/// grain (a reactivation knows nothing of what changed before it, so every cache reads again), <see cref="Change"/>
/// counts the changes the activation was told of. Two stamps are equal only when nothing changed between them.
/// </summary>
[GenerateSerializer, Immutable, Alias("bob.TurnConfigStamp")]
public sealed record TurnConfigStamp(
    [property: Id(0)] long Epoch,
    [property: Id(1)] long Change)
{
    public static TurnConfigStamp New() => new(Random.Shared.NextInt64(), 0);

    public TurnConfigStamp Next() => this with { Change = Change + 1 };
}
