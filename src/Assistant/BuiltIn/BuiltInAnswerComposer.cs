using Bob.Assistant.Retrieval;

namespace Bob.Assistant.BuiltIn;

/// <summary>
/// Composes the built-in client's answer from the grounding alone: the best-matching sentences of the retrieved
/// passages, framed in the persona's tone. It never sees the system prompt, so it cannot repeat it.
/// </summary>
public static class BuiltInAnswerComposer
{
    public const int MaxSentences = 3;
    public const int MinSentences = 2;

    private const double ContextTermWeight = 0.5;
    private const double RankBonus = 0.05;

    public static BuiltInAnswer Compose(AssistantGrounding grounding)
    {
        var tone = grounding.Tone;
        switch (VisitorIntentClassifier.Classify(grounding.Message))
        {
            case VisitorIntent.Injection:
                return Plain($"{tone.InjectionRefusal} {tone.Redirect}");
            case VisitorIntent.Greeting:
            case VisitorIntent.Identity:
                return Plain(tone.Introduce(grounding.Persona.Name));
            case VisitorIntent.HistoryRecall:
                return Plain(RecallEarlierQuestion(grounding));
            case VisitorIntent.Thanks:
                return Plain(tone.Welcome);
        }

        var selected = SelectSentences(grounding);
        if (selected.Count == 0)
        {
            return new BuiltInAnswer(tone.DoNotKnow, Handoff: true, []);
        }

        var body = string.Join(' ', selected.Select(sentence => EndWithPunctuation(sentence.Text)));
        var cited = selected.Select(sentence => sentence.DocumentId).Distinct(StringComparer.Ordinal).ToList();
        return new BuiltInAnswer(tone.Frame(body), Handoff: false, cited);
    }

    private static BuiltInAnswer Plain(string text) => new(text, Handoff: false, []);

    private static string RecallEarlierQuestion(AssistantGrounding grounding)
    {
        var earlier = grounding.History.LastOrDefault(turn => turn.Role == TurnRole.Visitor && !string.IsNullOrWhiteSpace(turn.Text));
        return earlier is null ? grounding.Tone.NoHistory : grounding.Tone.RecallPreviousQuestion(earlier.Text.Trim());
    }

    private static List<CandidateSentence> SelectSentences(AssistantGrounding grounding)
    {
        if (grounding.Passages.Count == 0)
        {
            return [];
        }

        var messageTerms = TextAnalyzer.Terms(grounding.Message).ToHashSet(StringComparer.Ordinal);
        var contextTerms = TextAnalyzer.Terms(grounding.RetrievalContext).Where(term => !messageTerms.Contains(term)).ToHashSet(StringComparer.Ordinal);
        var candidates = grounding.Passages
            .SelectMany((passage, rank) => PassageAnalysis.Of(passage).Sentences.Select((sentence, position) =>
                new CandidateSentence(passage.DocumentId, rank, position, sentence.Text, Score(sentence.Terms, messageTerms, contextTerms, rank, grounding.Passages.Count))))
            .ToList();

        // Lower-ranked passages only contribute sentences at least as good as the top passage's best one,
        // so a follow-up about one plan is not padded with another plan's facts.
        var bestOfTopPassage = candidates.Where(candidate => candidate.Rank == 0).Select(candidate => candidate.Score).DefaultIfEmpty(0).Max();
        var chosen = candidates
            .Where(candidate => candidate.Score > RankBonus * grounding.Passages.Count)
            .Where(candidate => candidate.Rank == 0 || candidate.Score >= bestOfTopPassage)
            .OrderByDescending(candidate => candidate.Score)
            .ThenBy(candidate => candidate.Rank)
            .ThenBy(candidate => candidate.Position)
            .Take(MaxSentences)
            .ToList();

        // Too little matched: add the sentences that follow the best one (or open the top passage) for context.
        var anchor = chosen.Count > 0 ? chosen[0] : candidates[0] with { Position = -1 };
        foreach (var next in candidates.Where(candidate => candidate.Rank == anchor.Rank && candidate.Position > anchor.Position))
        {
            if (chosen.Count >= MinSentences)
            {
                break;
            }

            if (!chosen.Contains(next))
            {
                chosen.Add(next);
            }
        }

        return chosen.OrderBy(candidate => candidate.Rank).ThenBy(candidate => candidate.Position).ToList();
    }

    private static double Score(IReadOnlyList<string> distinctTerms, HashSet<string> messageTerms, HashSet<string> contextTerms, int rank, int passageCount)
    {
        var score = 0.0;
        foreach (var term in distinctTerms)
        {
            if (messageTerms.Contains(term))
            {
                score += 1;
            }
            else if (contextTerms.Contains(term))
            {
                score += ContextTermWeight;
            }
        }

        return score + (RankBonus * (passageCount - rank));
    }

    private static string EndWithPunctuation(string sentence) =>
        sentence.Length > 0 && char.IsPunctuation(sentence[^1]) ? sentence : sentence + ".";
}
