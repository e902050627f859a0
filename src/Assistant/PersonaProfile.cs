namespace Bob.Assistant;

/// <param name="Tone">One of friendly, professional, concise, playful, empathetic, formal; anything else is treated as friendly.</param>
public sealed record PersonaProfile(string Id, string Name, string Tone, string SystemPrompt);
