namespace Bob.Grains.Assistant;

public sealed record Citation(string Id, string Title);
