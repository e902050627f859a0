using Microsoft.Extensions.AI;

namespace Bob.Assistant;

/// <summary>What a chat client said about its answer besides the text: which engine, handoff, cited documents, token usage.</summary>
internal sealed class ModelTurnOutcome
{
    public string Engine { get; private set; } = AssistantEngineNames.Hosted;

    public bool Handoff { get; private set; }

    public IReadOnlyList<string>? CitedDocuments { get; private set; }

    public UsageDetails? Usage { get; private set; }

    public static ModelTurnOutcome From(ChatResponse response)
    {
        var outcome = new ModelTurnOutcome();
        outcome.Absorb(response.AdditionalProperties);
        outcome.AbsorbUsage(response.Usage);
        return outcome;
    }

    public void Absorb(ChatResponseUpdate update)
    {
        Absorb(update.AdditionalProperties);
        foreach (var usage in update.Contents.OfType<UsageContent>())
        {
            AbsorbUsage(usage.Details);
        }
    }

    private void Absorb(AdditionalPropertiesDictionary? properties)
    {
        if (properties is null)
        {
            return;
        }

        if (properties.TryGetValue(AssistantPropertyKeys.Engine, out var engine) && engine is string name)
        {
            Engine = name;
        }

        if (properties.TryGetValue(AssistantPropertyKeys.Handoff, out var handoff) && handoff is true)
        {
            Handoff = true;
        }

        if (properties.TryGetValue(AssistantPropertyKeys.CitedDocuments, out var cited) && cited is IEnumerable<string> ids)
        {
            CitedDocuments = [.. ids];
        }
    }

    private void AbsorbUsage(UsageDetails? usage)
    {
        if (usage is null)
        {
            return;
        }

        if (Usage is null)
        {
            Usage = usage;
        }
        else
        {
            Usage.Add(usage);
        }
    }
}
