namespace Bob.Assistant.BuiltIn;

public sealed record BuiltInAnswer(string Text, bool Handoff, IReadOnlyList<string> CitedDocuments);
