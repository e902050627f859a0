namespace Bob.Grains.Abstractions.Audit;

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
