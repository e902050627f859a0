using System.Diagnostics;
using Bob.Assistant;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Billing;
using Bob.Grains.Insights;

namespace Bob.Grains.Conversations;

/// <summary>
/// One visitor's turn, run once under the conversation's turn lock: admission (<see cref="TurnAdmission"/> decides what it
/// may do), answer (the engine runs on the credit the turn holds, <see cref="TurnCredits"/>), commit (the change is durable
/// before anything else, <see cref="TranscriptKeeper"/>) and outcome (the reply, charged only once its answer is stored).
/// The hold is finished exactly once: settled after the commit, or given back by its <c>await using</c> on any other way out.
/// </summary>
public sealed class VisitorTurn(TurnAdmission admission, ITurnSources sources, TranscriptKeeper keeper, ChatTurn turn)
{
    private Transcript Transcript => keeper.Transcript;

    /// <summary>The JSON turn: the whole reply at once.</summary>
    public async Task<Result<ChatReply>> ReplyAsync() => await admission.AdmitAsync(Transcript, turn) switch
    {
        TurnOutcome.Refused refused => refused.Failure,
        TurnOutcome.Replayed replayed => replayed.Reply,
        TurnOutcome.SilentForHuman silent => await CommitSilentAsync(silent),
        TurnOutcome.HandedOff handedOff => await CommitHandedOffAsync(handedOff),
        TurnOutcome.Answer answer => await AnswerAsync(answer),
        _ => throw new UnreachableException(),
    };

    /// <summary>The streamed turn: the answer's text as the engine makes it, then the reply as stored.</summary>
    public async IAsyncEnumerable<ChatStreamItem> StreamAsync()
    {
        switch (await admission.AdmitAsync(Transcript, turn))
        {
            case TurnOutcome.Refused refused:
                yield return new ChatStreamItem(null, null, refused.Failure);
                break;
            case TurnOutcome.Replayed replayed:
                yield return new ChatStreamItem(replayed.Reply.Reply, replayed.Reply, null);
                break;
            case TurnOutcome.SilentForHuman silent:
                yield return new ChatStreamItem(null, await CommitSilentAsync(silent), null);
                break;
            case TurnOutcome.HandedOff handedOff:
                var waiting = await CommitHandedOffAsync(handedOff);
                yield return new ChatStreamItem(waiting.Reply, waiting, null);
                break;
            case TurnOutcome.Answer answer:
                ChatReply answered;
                await using (var credits = new TurnCredits(sources, Transcript.Tenant, answer.Hold))
                {
                    AssistantReply? final = null;
                    await foreach (var update in answer.Engine.StreamAsync(answer.Request, CancellationToken.None))
                    {
                        if (update.Final is not null)
                        {
                            final = update.Final;
                        }
                        else if (!string.IsNullOrEmpty(update.Delta))
                        {
                            yield return new ChatStreamItem(update.Delta, null, null);
                        }
                    }
                    answered = await CommitAnsweredAsync(answer, final!, credits);
                }
                yield return new ChatStreamItem(null, answered, null);
                break;
            default:
                throw new UnreachableException();
        }
    }

    private async Task<ChatReply> AnswerAsync(TurnOutcome.Answer answer)
    {
        await using var credits = new TurnCredits(sources, Transcript.Tenant, answer.Hold);
        var reply = await answer.Engine.ReplyAsync(answer.Request, CancellationToken.None);
        return await CommitAnsweredAsync(answer, reply, credits);
    }

    /// <summary>A human has the conversation: the visitor's message is recorded, the assistant stays silent, nothing is held.</summary>
    private async Task<ChatReply> CommitSilentAsync(TurnOutcome.SilentForHuman silent)
    {
        var change = Transcript.SilentTurn(silent.Turn, silent.Persona);
        await keeper.CommitAsync(change, silent.Webhooks);
        var credits = await sources.BalanceAsync(Transcript.Tenant);
        return new ChatReply(Transcript.Id, change.Messages[0].MessageId, "", silent.Persona, [], true, credits, change.Row.Status);
    }

    /// <summary>A handoff keyword: the visitor's message and the line saying a person was asked, the conversation waiting.</summary>
    private async Task<ChatReply> CommitHandedOffAsync(TurnOutcome.HandedOff handedOff)
    {
        var issued = IssuedToken(handedOff.Turn);
        var change = Transcript.HandedOffTurn(handedOff.Turn, handedOff.Persona, issued);
        await keeper.CommitAsync(change, handedOff.Webhooks, HandoffReason.Keyword);
        var credits = await sources.BalanceAsync(Transcript.Tenant);
        var line = change.Messages[^1];
        return new ChatReply(Transcript.Id, line.MessageId, line.Text, handedOff.Persona, [], true, credits, change.Row.Status, issued);
    }

    /// <summary>The visitor's message and the answer, appended together, then the hold settled against what was stored.</summary>
    private async Task<ChatReply> CommitAnsweredAsync(TurnOutcome.Answer answer, AssistantReply reply, TurnCredits credits)
    {
        var citations = reply.Citations.Select(c => new ChatCitation(c.Id, c.Title)).ToList();
        var issued = IssuedToken(answer.Turn);
        var cost = CreditLedger.Chargeable(reply.CreditsCost, answer.Hold, answer.CreditPolicy);
        var change = Transcript.AnsweredTurn(answer.Turn, answer.Persona, reply.Text, citations, reply.Handoff, cost, issued);
        var settlement = credits.Settlement(cost);
        var transaction = await keeper.CommitAsync(change, answer.Webhooks, engine: reply.Engine, settlement: settlement);
        // Charged only once the answer (and its cost) is durable, by the commit itself: a failed write costs nothing (the hold
        // goes back as the turn leaves). An answer stored behind a lost acknowledgement has no transaction id to charge with,
        // and its commit settled nothing: the meter recounts.
        var balance = transaction is not null
            ? await credits.SettledWithCommitAsync(settlement)
            : await credits.ReleaseAndRecountAsync();
        var message = change.Messages[^1];
        return new ChatReply(Transcript.Id, message.MessageId, message.Text, answer.Persona, message.Citations, reply.Handoff, balance,
            ConversationStatus.Assistant, issued);
    }

    /// <summary>A widget conversation's first turn issues the visitor's token (a replay never repeats it).</summary>
    private string? IssuedToken(ChatTurn stored) =>
        Transcript.OpensVisitorConversation(stored.Channel) ? VisitorTokens.Issue(stored.Visitor) : null;
}
