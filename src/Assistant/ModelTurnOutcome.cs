using Bob.Assistant.BuiltIn;
using Microsoft.Extensions.AI;

namespace Bob.Assistant;

/// <summary>
/// What a chat client said about its answer besides the text: which engine, handoff, cited documents, token usage.
/// The built-in client hands its typed <see cref="BuiltInAnswer"/> back as the response's raw representation;
/// anything else is a hosted model.
/// </summary>
internal sealed class ModelTurnOutcome
{
    public string Engine { get; private set; } = AssistantEngineNames.Hosted;

    public bool Handoff { get; private set; }

    public IReadOnlyList<string>? CitedDocuments { get; private set; }

    public UsageDetails? Usage { get; private set; }

    public static ModelTurnOutcome From(ChatResponse response)
    {
        var outcome = new ModelTurnOutcome();
        outcome.Absorb(response.RawRepresentation);
        outcome.AbsorbUsage(response.Usage);
        return outcome;
    }

    public void Absorb(ChatResponseUpdate update)
    {
        Absorb(update.RawRepresentation);
        foreach (var usage in update.Contents.OfType<UsageContent>())
        {
            AbsorbUsage(usage.Details);
        }
    }

    private void Absorb(object? rawRepresentation)
    {
        if (rawRepresentation is not BuiltInAnswer answer)
        {
            return;
        }

        Engine = AssistantEngineNames.BuiltIn;
        Handoff |= answer.Handoff;
        CitedDocuments = answer.CitedDocuments;
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
