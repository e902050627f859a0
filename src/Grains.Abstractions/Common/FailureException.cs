namespace Bob.Grains.Abstractions.Common;

/// <summary>
/// A <see cref="Failure"/> raised where a result value cannot carry it (a failed activation, a storage outage in the
/// middle of a call, a broken stream). Serializable, so it crosses silos and reaches the web node intact, where it
/// becomes its problem like any other failure.
/// </summary>
[GenerateSerializer, Alias("bob.FailureException")]
public sealed class FailureException : Exception
{
    public FailureException()
    {
    }

    public FailureException(string message)
        : base(message)
    {
    }

    public FailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FailureException(Failure failure)
        : base(failure.Detail) => Failure = failure;

    [Id(0)]
    public Failure Failure { get; init; } = new(FailureCodes.InternalError, "Internal error");

    /// <summary>What caused it, for operators' logs (e.g. the database driver's message); never shown to clients.</summary>
    [Id(1)]
    public string? Cause { get; init; }

    public override string Message => Cause is null ? base.Message : $"{base.Message} ({Cause})";
}
