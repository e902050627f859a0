using System.Globalization;
using System.Text;
using Bob.Assistant.Safety;
using Microsoft.Extensions.AI;

namespace Bob.Assistant;

/// <summary>Turns a grounded request into the chat messages and options sent to an <see cref="IChatClient"/>.</summary>
public static class AssistantPromptBuilder
{
    public const int MaxHistoryTurns = 20;

    public static string SystemMessage(AssistantGrounding grounding)
    {
        var builder = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(grounding.Persona.SystemPrompt))
        {
            builder.AppendLine(grounding.Persona.SystemPrompt.Trim()).AppendLine();
        }

        builder.AppendLine(CultureInfo.InvariantCulture, $"Your name is {grounding.Persona.Name}. {grounding.Tone.Instruction}").AppendLine();
        builder.AppendLine(AssistantRules.Text).AppendLine();
        builder.AppendLine("CONTEXT:");
        if (grounding.Passages.Count == 0)
        {
            builder.AppendLine("(no knowledge article matches this question)");
        }

        for (var rank = 0; rank < grounding.Passages.Count; rank++)
        {
            var passage = grounding.Passages[rank];
            builder.AppendLine(CultureInfo.InvariantCulture, $"[{rank + 1}] {passage.Title} (article {passage.DocumentId})");
            builder.AppendLine(passage.Text).AppendLine();
        }

        return builder.ToString().TrimEnd();
    }

    public static IReadOnlyList<ChatMessage> Messages(AssistantGrounding grounding)
    {
        var messages = new List<ChatMessage> { new(ChatRole.System, SystemMessage(grounding)) };
        foreach (var turn in grounding.History.TakeLast(MaxHistoryTurns).Where(turn => !string.IsNullOrWhiteSpace(turn.Text)))
        {
            messages.Add(turn.Role switch
            {
                TurnRole.Visitor => new ChatMessage(ChatRole.User, turn.Text),
                TurnRole.Assistant => new ChatMessage(ChatRole.Assistant, turn.Text),
                TurnRole.Agent => new ChatMessage(ChatRole.Assistant, turn.Text) { AuthorName = "agent" },
                _ => new ChatMessage(ChatRole.System, turn.Text),
            });
        }

        messages.Add(new ChatMessage(ChatRole.User, grounding.Message));
        return messages;
    }

    public static GroundedChatOptions Options(AssistantGrounding grounding) => new(grounding)
    {
        Temperature = 0.2f,
        MaxOutputTokens = 600,
    };

    /// <summary>The texts a reply must never repeat verbatim.</summary>
    public static IEnumerable<string> ProtectedTexts(AssistantGrounding grounding) =>
        [grounding.Persona.SystemPrompt, AssistantRules.Text, grounding.Tone.Instruction];
}
