namespace Bob.Grains.Abstractions.Common;

/// <summary>Either a value or a <see cref="Failure"/>; grains return these instead of throwing for expected refusals.</summary>
[GenerateSerializer, Immutable, Alias("bob.Result`1")]
public sealed record Result<T>([property: Id(0)] T? Value, [property: Id(1)] Failure? Failure)
{
    public bool IsSuccess => Failure is null;

    public static Result<T> Ok(T value) => new(value, null);

    public static implicit operator Result<T>(Failure failure) => new(default, failure);

    public static implicit operator Result<T>(T value) => new(value, null);
}

/// <summary>The outcome of a command that returns nothing.</summary>
[GenerateSerializer, Immutable, Alias("bob.Outcome")]
public sealed record Outcome([property: Id(0)] Failure? Failure)
{
    public static readonly Outcome Success = new((Failure?)null);

    public bool IsSuccess => Failure is null;

    public static implicit operator Outcome(Failure failure) => new(failure);
}
