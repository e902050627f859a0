using Bob.Grains.Abstractions.Conversations;

namespace Bob.Grains.Conversations;

/// <summary>
/// What an answered turn's append settles on its tenant's credit meter once it is durable: the hold the turn took given
/// back, the credits its stored answer costs counted. <see cref="TranscriptWriter"/> settles every such append of a
/// committed batch with one meter call per tenant, passing the transaction that committed them; <see cref="Balance"/>
/// then completes with the meter's answer, or its failure.
/// </summary>
public sealed record CreditSettlement(int Held, int Credits)
{
    public TaskCompletionSource<ChatCredits> Balance { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
