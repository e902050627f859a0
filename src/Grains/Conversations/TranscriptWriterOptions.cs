using Microsoft.Extensions.Options;

namespace Bob.Grains.Conversations;

/// <summary>Settings under <c>Bob:Database</c> for the transcript's group commit.</summary>
public sealed class TranscriptWriterOptions
{
    public const string Section = "Bob:Database";

    /// <summary>How long a turn's append waits for an unavailable database (a restart) before its turn fails with 503.
    /// Within the 5 s a caller should wait at most, and long enough for a fast restart.</summary>
    public TimeSpan UnavailableWait { get; set; } = TimeSpan.FromSeconds(3);
}

public sealed class TranscriptWriterOptionsValidator : IValidateOptions<TranscriptWriterOptions>
{
    public static readonly TimeSpan Longest = TimeSpan.FromMinutes(1);

    public ValidateOptionsResult Validate(string? name, TranscriptWriterOptions options) =>
        options.UnavailableWait < TimeSpan.Zero || options.UnavailableWait > Longest
            ? ValidateOptionsResult.Fail($"{TranscriptWriterOptions.Section}:UnavailableWait must be between 00:00:00 and {Longest:c} (got {options.UnavailableWait:c}): turns wait that long for a database that is down.")
            : ValidateOptionsResult.Success;
}
