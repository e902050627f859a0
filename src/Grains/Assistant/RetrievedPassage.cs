namespace Bob.Grains.Assistant;

public sealed record RetrievedPassage(string DocumentId, string Title, string Text, double Score);
