namespace Bob.Grains.Abstractions.Personas;

public static class PersonaRules
{
    public const int NameMax = 80;
    public const int DescriptionMax = 500;
    public const int SystemPromptMax = 8000;

    public static readonly IReadOnlyList<string> Tones = ["friendly", "professional", "concise", "playful", "empathetic", "formal"];

    public static readonly PersonaInput Default = new(
        "Bob",
        "The default assistant: answers from your knowledge base and offers a human when unsure.",
        "friendly",
        "You are Bob, the assistant of this business. Answer only from the business's knowledge articles. " +
        "When you do not know, say so and offer to connect the visitor with a human.");

    public static Common.Failure? Validate(PersonaInput input)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > NameMax)
        {
            errors["name"] = [$"name must be 1..{NameMax} characters."];
        }
        if (input.Description.Length > DescriptionMax)
        {
            errors["description"] = [$"description must be at most {DescriptionMax} characters."];
        }
        if (!Tones.Contains(input.Tone, StringComparer.Ordinal))
        {
            errors["tone"] = [$"tone must be one of {string.Join(", ", Tones)}."];
        }
        if (input.SystemPrompt.Length > SystemPromptMax)
        {
            errors["systemPrompt"] = [$"systemPrompt must be at most {SystemPromptMax} characters."];
        }
        return errors.Count == 0 ? null : Common.Failure.Validation(errors);
    }
}
