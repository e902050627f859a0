namespace Bob.Grains.Assistant;

public sealed record BuiltInAnswer(string Text, bool Handoff, IReadOnlyList<string> CitedDocuments);
