namespace Bob.Assistant.Retrieval;

public sealed record RetrievedPassage(string DocumentId, string Title, string Text, double Score);
