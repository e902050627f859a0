using Microsoft.Extensions.AI;

namespace Bob.Assistant;

/// <summary>What one assistant reply costs the tenant.</summary>
public static class AssistantCredits
{
    public const int TokensPerCredit = 1000;

    /// <summary>
    /// Credits for one reply.
    /// The built-in engine costs a flat 1 credit per reply.
    /// A hosted model costs ceil((input tokens + output tokens) / 1000) credits from <see cref="ChatResponse.Usage"/>, at least 1
    /// (also 1 when the endpoint reports no usage).
    /// A reply produced without calling any model (blocked topic, handoff request, prompt injection) costs 0.
    /// </summary>
    public static int For(string engine, UsageDetails? usage)
    {
        if (engine != AssistantEngineNames.Hosted)
        {
            return 1;
        }

        var tokens = (usage?.InputTokenCount ?? 0) + (usage?.OutputTokenCount ?? 0);
        if (tokens <= 0 && usage?.TotalTokenCount is { } total)
        {
            tokens = total;
        }

        return (int)Math.Max(1, (tokens + TokensPerCredit - 1) / TokensPerCredit);
    }
}
