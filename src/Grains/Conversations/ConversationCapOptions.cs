using Microsoft.Extensions.Options;

namespace Bob.Grains.Conversations;

/// <summary>Settings under <c>Bob:Conversations</c> that bound what anonymous visitors may store in one conversation
/// (after a handoff every turn is stored free of credits, so credits are no bound). A real visitor never meets them.</summary>
public sealed class ConversationCapOptions
{
    public const string Section = "Bob:Conversations";

    /// <summary>Visitor turns (widget or public) one conversation keeps; the next is refused with <c>conversation_full</c>.</summary>
    public int MaxVisitorTurns { get; set; } = 500;

    /// <summary>UTF-8 bytes of message text one conversation keeps (all roles); a visitor turn past it is refused.</summary>
    public int MaxStoredBytes { get; set; } = 1_048_576;
}

public sealed class ConversationCapOptionsValidator : IValidateOptions<ConversationCapOptions>
{
    public ValidateOptionsResult Validate(string? name, ConversationCapOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxVisitorTurns is < 1 or > 1_000_000)
        {
            failures.Add($"{ConversationCapOptions.Section}:MaxVisitorTurns must be 1..1000000 (got {options.MaxVisitorTurns}).");
        }
        if (options.MaxStoredBytes is < 16_384 or > 1_073_741_824)
        {
            failures.Add($"{ConversationCapOptions.Section}:MaxStoredBytes must be 16384..1073741824 (got {options.MaxStoredBytes}): a conversation must hold at least a few whole messages.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
