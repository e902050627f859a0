using Microsoft.Extensions.AI;

namespace Bob.Assistant;

/// <summary>
/// The engine's <see cref="ChatOptions"/>: the standard settings a hosted model uses (temperature, output length)
/// plus the turn's typed <see cref="AssistantGrounding"/>, which the built-in client reads directly instead of parsing
/// the prompt. The grounding never leaves the process: an OpenAI-compatible client sends only the standard options.
/// </summary>
public sealed class GroundedChatOptions : ChatOptions
{
    public GroundedChatOptions(AssistantGrounding grounding)
    {
        Grounding = grounding;
    }

    private GroundedChatOptions(GroundedChatOptions other)
        : base(other)
    {
        Grounding = other.Grounding;
    }

    public AssistantGrounding Grounding { get; }

    public override ChatOptions Clone() => new GroundedChatOptions(this);
}
