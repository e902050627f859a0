namespace Bob.Assistant;

public sealed record Citation(string Id, string Title);
