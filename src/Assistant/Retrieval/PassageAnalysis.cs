namespace Bob.Assistant.Retrieval;

/// <summary>
/// What the built-in engine reads of a passage on every turn that retrieves it: its sentences with their distinct
/// terms, and the terms of its title and text. Computed once per indexed passage (the index is shared per silo and
/// rebuilt only when the knowledge changes), on first use.
/// </summary>
internal sealed class PassageAnalysis(string title, string text)
{
    private readonly Lazy<IReadOnlyList<AnalyzedSentence>> _sentences = new(() =>
        [.. PassageChunker.Sentences(text).Select(sentence => new AnalyzedSentence(sentence, [.. TextAnalyzer.Terms(sentence).Distinct(StringComparer.Ordinal)]))]);

    private readonly Lazy<HashSet<string>> _terms = new(() => TextAnalyzer.Terms($"{title} {text}").ToHashSet(StringComparer.Ordinal));

    public IReadOnlyList<AnalyzedSentence> Sentences => _sentences.Value;

    /// <summary>Whether the passage's title or text holds any of <paramref name="terms"/>.</summary>
    public bool SharesAnyTerm(IEnumerable<string> terms) => _terms.Value.Overlaps(terms);

    public static PassageAnalysis Of(RetrievedPassage passage) => passage.Analysis ?? new PassageAnalysis(passage.Title, passage.Text);
}

/// <summary>One sentence of a passage and its distinct terms, in order of first appearance.</summary>
internal sealed record AnalyzedSentence(string Text, IReadOnlyList<string> Terms);
