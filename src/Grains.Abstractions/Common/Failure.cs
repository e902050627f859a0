namespace Bob.Grains.Abstractions.Common;

/// <summary>
/// A refusal at the domain edge: a stable machine-readable <see cref="Code"/> (see <see cref="FailureCodes"/>)
/// that the web front end maps, in one place, to an RFC 9457 problem.
/// </summary>
[GenerateSerializer, Immutable, Alias("bob.Failure")]
public sealed record Failure(
    [property: Id(0)] string Code,
    [property: Id(1)] string Detail,
    [property: Id(2)] IReadOnlyDictionary<string, string[]>? Errors = null,
    [property: Id(3)] TimeSpan? RetryAfter = null)
{
    public static Failure Validation(IReadOnlyDictionary<string, string[]> errors) =>
        new(FailureCodes.ValidationFailed, "One or more fields are invalid.", errors);

    public static Failure Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static Failure NotFound(string what) => new(FailureCodes.NotFound, $"{what} was not found.");
}
