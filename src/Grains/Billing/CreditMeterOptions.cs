using Microsoft.Extensions.Options;

namespace Bob.Grains.Billing;

/// <summary>Settings under <c>Bob:Credits</c>.</summary>
public sealed class CreditMeterOptions
{
    public const string Section = "Bob:Credits";

    /// <summary>How often an active meter recounts the period from the durable log, healing a charge lost when a
    /// conversation's silo died between storing an answer and charging it.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a credit hold lasts unless settled or given back: far beyond the longest turn (a hosted model's
    /// timeout with its retries, the 25 s wait for a conversation's turn lock), so only a hold stranded by a crash expires.</summary>
    public TimeSpan HoldExpiry { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>Refuses, at start, <c>Bob:Credits</c> values that would break metering, with a message naming the setting.</summary>
public sealed class CreditMeterOptionsValidator : IValidateOptions<CreditMeterOptions>
{
    /// <summary>A hold shorter than this could expire under a live turn (it would then be admitted past the plan).</summary>
    public static readonly TimeSpan ShortestHoldExpiry = TimeSpan.FromMinutes(1);

    /// <summary>A stranded hold longer than this keeps a tenant near its limit refused for too long.</summary>
    public static readonly TimeSpan LongestHoldExpiry = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, CreditMeterOptions options)
    {
        var errors = new List<string>();
        if (options.HoldExpiry < ShortestHoldExpiry || options.HoldExpiry > LongestHoldExpiry)
        {
            errors.Add($"{CreditMeterOptions.Section}:HoldExpiry must be between {ShortestHoldExpiry:c} and {LongestHoldExpiry:c} " +
                $"(got {options.HoldExpiry:c}): a hold must outlive the longest turn, and a stranded one must not block a tenant for long.");
        }
        if (options.ReconcileInterval <= TimeSpan.Zero)
        {
            errors.Add($"{CreditMeterOptions.Section}:ReconcileInterval must be positive (got {options.ReconcileInterval:c}).");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
