namespace Bob.Assistant.Retrieval;

/// <summary>
/// Immutable BM25 index over a tenant's knowledge articles, chunked into passages.
/// Every passage also carries its article's title (boosted) and tags, so a passage is findable by what the article is about.
/// </summary>
public sealed class KnowledgeIndex
{
    public const double K1 = 1.2;
    public const double B = 0.75;
    public const double TitleBoost = 2.5;
    public const double TagBoost = 1.5;

    /// <summary>Scores below this are noise (e.g. one ubiquitous word in common).</summary>
    public const double MinimumScore = 0.25;

    /// <summary>Passages scoring below this share of the best one are dropped as marginal.</summary>
    public const double MinimumShareOfBest = 0.2;

    private readonly IReadOnlyList<IndexedPassage> _passages;
    private readonly IReadOnlyDictionary<string, int> _passagesContainingTerm;
    private readonly double _averageLength;

    private KnowledgeIndex(IReadOnlyList<IndexedPassage> passages, int documentCount)
    {
        _passages = passages;
        DocumentCount = documentCount;
        _averageLength = passages.Count == 0 ? 0 : passages.Average(passage => passage.Length);
        _passagesContainingTerm = passages
            .SelectMany(passage => passage.TermFrequencies.Keys)
            .GroupBy(term => term, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
    }

    public static KnowledgeIndex Empty { get; } = new([], 0);

    public int DocumentCount { get; }

    public int PassageCount => _passages.Count;

    public static KnowledgeIndex Build(IEnumerable<KnowledgeDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var distinct = documents
            .Where(document => document is not null)
            .GroupBy(document => document.Id, StringComparer.Ordinal)
            .Select(group => group.Last())
            .ToList();

        var passages = distinct.SelectMany(IndexDocument).ToList();
        return passages.Count == 0 ? Empty : new KnowledgeIndex(passages, distinct.Count);
    }

    public IReadOnlyList<RetrievedPassage> Search(string query, int top = 3)
    {
        if (top <= 0 || _passages.Count == 0)
        {
            return [];
        }

        var queryTerms = TextAnalyzer.Terms(query).Distinct(StringComparer.Ordinal).ToList();
        if (queryTerms.Count == 0)
        {
            return [];
        }

        var scored = _passages
            .Select(passage => (passage, score: Score(passage, queryTerms)))
            .Where(candidate => candidate.score >= MinimumScore)
            .OrderByDescending(candidate => candidate.score)
            .ToList();
        if (scored.Count == 0)
        {
            return [];
        }

        var cutoff = scored[0].score * MinimumShareOfBest;
        return scored
            .Where(candidate => candidate.score >= cutoff)
            .Take(top)
            .Select(candidate => new RetrievedPassage(
                candidate.passage.Document.Id,
                candidate.passage.Document.Title,
                candidate.passage.Text,
                Math.Round(candidate.score, 4))
            { Analysis = candidate.passage.Analysis })
            .ToList();
    }

    private double Score(IndexedPassage passage, IReadOnlyList<string> queryTerms)
    {
        var score = 0.0;
        foreach (var term in queryTerms)
        {
            if (!passage.TermFrequencies.TryGetValue(term, out var frequency))
            {
                continue;
            }

            var containing = _passagesContainingTerm[term];
            var inverseFrequency = Math.Log(1 + ((_passages.Count - containing + 0.5) / (containing + 0.5)));
            var lengthNorm = 1 - B + (B * passage.Length / _averageLength);
            score += inverseFrequency * frequency * (K1 + 1) / (frequency + (K1 * lengthNorm));
        }

        return score;
    }

    private static IEnumerable<IndexedPassage> IndexDocument(KnowledgeDocument document)
    {
        var titleTerms = TextAnalyzer.Terms(document.Title);
        var tagTerms = (document.Tags ?? []).SelectMany(TextAnalyzer.Terms).ToList();
        var chunks = PassageChunker.Split(document.Content);
        if (chunks.Count == 0)
        {
            chunks = [document.Title];
        }

        foreach (var chunk in chunks)
        {
            var frequencies = new Dictionary<string, double>(StringComparer.Ordinal);
            Accumulate(frequencies, titleTerms, TitleBoost);
            Accumulate(frequencies, tagTerms, TagBoost);
            var contentTerms = TextAnalyzer.Terms(chunk);
            Accumulate(frequencies, contentTerms, 1.0);
            var length = contentTerms.Count + (titleTerms.Count * TitleBoost) + (tagTerms.Count * TagBoost);
            yield return new IndexedPassage(document, chunk, frequencies, Math.Max(length, 1));
        }
    }

    private static void Accumulate(Dictionary<string, double> frequencies, IEnumerable<string> terms, double weight)
    {
        foreach (var term in terms)
        {
            frequencies[term] = frequencies.GetValueOrDefault(term) + weight;
        }
    }
}
