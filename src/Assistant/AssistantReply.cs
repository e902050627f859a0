namespace Bob.Assistant;

/// <param name="Engine">"builtin" or "hosted": the engine that actually produced the text (after any fallback).</param>
public sealed record AssistantReply(string Text, IReadOnlyList<Citation> Citations, bool Handoff, int CreditsCost, string Engine);
