using Bob.Grains.Abstractions.Common;

namespace Bob.Web.Http;

/// <summary>Collects field errors for one request body, so every missing or malformed field is reported at once.</summary>
public sealed class Fields
{
    private readonly Dictionary<string, string[]> _errors = [];

    public Fields Required(string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            _errors[name] = [$"{name} is required."];
        }
        return this;
    }

    public Fields Check(bool valid, string name, string message)
    {
        if (!valid && !_errors.ContainsKey(name))
        {
            _errors[name] = [message];
        }
        return this;
    }

    /// <summary>An optional identifier: absent, or one Bob accepts (<see cref="Ids"/>); <paramref name="label"/> names it in the message.</summary>
    public Fields OptionalId(string name, string? value, string? label = null) =>
        Check(value is null || Ids.IsValid(value), name, $"{label ?? name} must match {Ids.Pattern}.");

    public Failure? Failure => _errors.Count == 0 ? null : Grains.Abstractions.Common.Failure.Validation(_errors);
}
