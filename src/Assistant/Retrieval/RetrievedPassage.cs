namespace Bob.Assistant.Retrieval;

public sealed record RetrievedPassage(string DocumentId, string Title, string Text, double Score)
{
    /// <summary>The indexed passage's analysis, shared by every search that returns it.</summary>
    internal PassageAnalysis? Analysis { get; init; }
}
