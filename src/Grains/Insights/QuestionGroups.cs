namespace Bob.Grains.Insights;

/// <summary>Unanswered questions with the same analyzed terms (sorted, distinct), as the store counts them.</summary>
public sealed record QuestionTerms(string Terms, int Count, IReadOnlyList<string> Examples, DateTimeOffset LastAsked);

/// <summary>A group of paraphrases: its most asked wording, how many times its questions were asked, the newest examples.</summary>
public sealed record QuestionGroup(string Question, int Count, IReadOnlyList<string> Examples, DateTimeOffset LastAsked);

/// <summary>
/// Groups unanswered questions by similarity of their analyzed terms (stop words dropped, light stemming: the retrieval's
/// <see cref="Assistant.Retrieval.TextAnalyzer"/>): a term set joins the first group holding a set it shares at least half
/// of the union of terms with (Jaccard ≥ 0.5). Most asked first, so a group is named by its most common wording.
/// </summary>
public static class QuestionGroups
{
    public const double MinimumSimilarity = 0.5;
    public const int ExamplesPerGroup = 3;

    public static IReadOnlyList<QuestionGroup> Group(IEnumerable<QuestionTerms> questions)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var groups = new List<(List<HashSet<string>> Sets, List<QuestionTerms> Members)>();
        foreach (var question in questions.OrderByDescending(q => q.Count).ThenByDescending(q => q.LastAsked))
        {
            var terms = question.Terms.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
            var home = groups.FindIndex(g => g.Sets.Exists(set => Similarity(set, terms) >= MinimumSimilarity));
            if (home < 0)
            {
                groups.Add(([terms], [question]));
            }
            else
            {
                groups[home].Sets.Add(terms);
                groups[home].Members.Add(question);
            }
        }
        return [.. groups
            .Select(g => new QuestionGroup(
                g.Members[0].Examples[0],
                g.Members.Sum(m => m.Count),
                [.. g.Members.OrderByDescending(m => m.LastAsked).SelectMany(m => m.Examples).Distinct(StringComparer.OrdinalIgnoreCase).Take(ExamplesPerGroup)],
                g.Members.Max(m => m.LastAsked)))
            .OrderByDescending(g => g.Count).ThenByDescending(g => g.LastAsked)];
    }

    public static double Similarity(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }
        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }
}
