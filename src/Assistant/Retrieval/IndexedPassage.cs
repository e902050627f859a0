namespace Bob.Assistant.Retrieval;

/// <summary>One searchable passage with its weighted term frequencies (title and tags boosted).</summary>
internal sealed record IndexedPassage(
    KnowledgeDocument Document,
    string Text,
    IReadOnlyDictionary<string, double> TermFrequencies,
    double Length)
{
    public PassageAnalysis Analysis { get; } = new(Document.Title, Text);
}
