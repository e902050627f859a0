using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Text;
using Bob.Assistant.Retrieval;
using Bob.Assistant.Safety;
using Microsoft.Extensions.AI;

namespace Bob.Assistant;

/// <summary>
/// Answers a visitor: policy checks, retrieval, grounded prompt, the chat client (built-in or hosted),
/// then the leak guard, citations and credits.
/// </summary>
public sealed partial class AssistantEngine(IChatClient chatClient) : IAssistantEngine
{
    public const int PassagesPerAnswer = 3;

    public async Task<AssistantReply> ReplyAsync(AssistantRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tone = ToneStyle.For(request.Persona.Tone);
        if (PolicyReply(request, tone) is { } policyReply)
        {
            return policyReply;
        }

        var grounding = Ground(request, tone);
        var response = await chatClient.GetResponseAsync(
            new PromptMessages(() => AssistantPromptBuilder.Messages(grounding)), AssistantPromptBuilder.Options(grounding), cancellationToken).ConfigureAwait(false);
        var outcome = ModelTurnOutcome.From(response);
        var guard = new SystemPromptLeakGuard(AssistantPromptBuilder.ProtectedTexts(grounding));
        var text = response.Text.Trim();
        if (guard.Leaks(text))
        {
            return Refusal(tone, outcome);
        }

        return Finish(grounding, text, outcome);
    }

    public async IAsyncEnumerable<AssistantStreamUpdate> StreamAsync(
        AssistantRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tone = ToneStyle.For(request.Persona.Tone);
        if (PolicyReply(request, tone) is { } policyReply)
        {
            foreach (var chunk in TextChunker.Chunks(policyReply.Text))
            {
                yield return AssistantStreamUpdate.OfDelta(chunk);
            }

            yield return AssistantStreamUpdate.OfFinal(policyReply);
            yield break;
        }

        var grounding = Ground(request, tone);
        var guard = new SystemPromptLeakGuard(AssistantPromptBuilder.ProtectedTexts(grounding));
        var outcome = new ModelTurnOutcome();
        var received = new StringBuilder();
        var emitted = new StringBuilder();
        var leaked = false;
        await foreach (var update in chatClient.GetStreamingResponseAsync(
            new PromptMessages(() => AssistantPromptBuilder.Messages(grounding)), AssistantPromptBuilder.Options(grounding), cancellationToken).ConfigureAwait(false))
        {
            outcome.Absorb(update);
            var text = update.Text;
            if (leaked || string.IsNullOrEmpty(text))
            {
                continue;
            }

            received.Append(text);
            if (guard.Leaks(received.ToString()))
            {
                leaked = true;
                continue;
            }

            // Hold back the last stretch: a verbatim run of the protected text is caught before any of it is sent.
            var safeLength = received.Length - SystemPromptLeakGuard.MinimumCharacterRun;
            if (safeLength > emitted.Length)
            {
                var delta = received.ToString(emitted.Length, safeLength - emitted.Length);
                emitted.Append(delta);
                yield return AssistantStreamUpdate.OfDelta(delta);
            }
        }

        string tail;
        AssistantReply final;
        if (leaked)
        {
            var refusal = Refusal(tone, outcome);
            tail = emitted.Length == 0 ? refusal.Text : " " + refusal.Text;
            final = refusal with { Text = emitted + tail };
        }
        else
        {
            var finished = Finish(grounding, received.ToString().Trim(), outcome);
            var fullText = received.ToString();
            if (fullText.Trim().Length == 0)
            {
                tail = finished.Text;
                final = finished;
            }
            else
            {
                tail = fullText[emitted.Length..];
                final = finished with { Text = fullText };
            }
        }

        if (tail.Length > 0)
        {
            yield return AssistantStreamUpdate.OfDelta(tail);
        }

        yield return AssistantStreamUpdate.OfFinal(final);
    }

    private static AssistantReply? PolicyReply(AssistantRequest request, ToneStyle tone)
    {
        var message = request.Message ?? string.Empty;
        var policy = request.Policy ?? AssistantPolicy.None;
        if (TopicMatcher.MentionsAny(message, policy.BlockedTopics))
        {
            return WithoutModel($"{tone.BlockedTopicRefusal} {tone.Redirect}", handoff: false);
        }

        if (PromptInjectionDetector.IsInjection(message))
        {
            return WithoutModel($"{tone.InjectionRefusal} {tone.Redirect}", handoff: false);
        }

        if (TopicMatcher.MentionsAny(message, policy.HandoffKeywords) || HumanRequestDetector.AsksForHuman(message))
        {
            return WithoutModel(tone.HandoffOffer, handoff: true);
        }

        return null;
    }

    private static AssistantReply WithoutModel(string text, bool handoff) =>
        new(text, [], handoff, CreditsCost: 0, AssistantEngineNames.BuiltIn);

    private static AssistantGrounding Ground(AssistantRequest request, ToneStyle tone)
    {
        var message = request.Message ?? string.Empty;
        var history = request.History ?? [];
        var context = FollowUpDetector.ContextFor(message, history);
        var knowledge = request.Knowledge ?? KnowledgeIndex.Empty;
        var passages = knowledge.Search(context.Length == 0 ? message : $"{message} {context}", PassagesPerAnswer);
        if (context.Length > 0)
        {
            passages = KeepPassagesAboutTheMessage(message, passages);
        }

        return new AssistantGrounding(request.Persona, tone, passages, history, message, context);
    }

    // A widened query must not let the previous topic answer a new, unrelated question.
    private static IReadOnlyList<RetrievedPassage> KeepPassagesAboutTheMessage(string message, IReadOnlyList<RetrievedPassage> passages)
    {
        var messageTerms = TextAnalyzer.Terms(message).ToHashSet(StringComparer.Ordinal);
        if (messageTerms.Count == 0)
        {
            return passages;
        }

        return passages
            .Where(passage => PassageAnalysis.Of(passage).SharesAnyTerm(messageTerms))
            .ToList();
    }

    private static AssistantReply Finish(AssistantGrounding grounding, string text, ModelTurnOutcome outcome)
    {
        var handoff = outcome.Handoff;
        if (text.Length == 0)
        {
            text = grounding.Tone.DoNotKnow;
            handoff = true;
        }
        else if (outcome.Engine == AssistantEngineNames.Hosted && grounding.Passages.Count == 0 && SaysItDoesNotKnow().IsMatch(text))
        {
            handoff = true;
        }

        var citations = handoff ? [] : Citations(grounding.Passages, outcome.CitedDocuments);
        return new AssistantReply(text, citations, handoff, AssistantCredits.For(outcome.Engine, outcome.Usage), outcome.Engine);
    }

    private static AssistantReply Refusal(ToneStyle tone, ModelTurnOutcome outcome) =>
        new($"{tone.InjectionRefusal} {tone.Redirect}", [], Handoff: false, AssistantCredits.For(outcome.Engine, outcome.Usage), outcome.Engine);

    private static IReadOnlyList<Citation> Citations(IReadOnlyList<RetrievedPassage> passages, IReadOnlyList<string>? citedDocuments) =>
        passages
            .Where(passage => citedDocuments is null || citedDocuments.Contains(passage.DocumentId, StringComparer.Ordinal))
            .DistinctBy(passage => passage.DocumentId, StringComparer.Ordinal)
            .Select(passage => new Citation(passage.DocumentId, passage.Title))
            .ToList();

    [GeneratedRegex(@"\b(don't|do not|doesn't|does not|cannot|can't)\s+(know|find|have (that|this|any) information)\b|\bnot sure\b", RegexOptions.IgnoreCase)]
    private static partial Regex SaysItDoesNotKnow();
}
