using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Abstractions.Billing;

/// <summary>
/// The platform's pricebook, one grain for the whole cluster (<see cref="Key"/>): the published versions (the newest is
/// live) and at most one open draft. Every read goes to this one activation, so a publish is live on every node at once.
/// Seeded with the seed's V1 when it first activates.
/// </summary>
[Alias("bob.IPricebookGrain")]
public interface IPricebookGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    [Alias("GetLive")]
    Task<PricebookVersion> GetLiveAsync();

    /// <returns>null when no version with this number is published.</returns>
    [Alias("GetVersion")]
    Task<PricebookVersion?> GetVersionAsync(int version);

    /// <returns>The open draft, or none.</returns>
    [Alias("ListDrafts")]
    Task<IReadOnlyList<PricebookDraft>> ListDraftsAsync();

    [Alias("GetDraft")]
    Task<Result<PricebookDraft>> GetDraftAsync(int version);

    /// <summary>Opens the next version's draft with <paramref name="plans"/>, or a copy of the live plans when null.
    /// 409 <c>conflict</c> while another draft is open.</summary>
    [Alias("CreateDraft")]
    Task<Result<PricebookDraft>> CreateDraftAsync(IReadOnlyList<PricebookPlan>? plans);

    /// <summary>Replaces the draft's plans. A published version is 409 <c>conflict</c>: published versions never change.</summary>
    [Alias("UpdateDraft")]
    Task<Result<PricebookDraft>> UpdateDraftAsync(int version, IReadOnlyList<PricebookPlan> plans);

    [Alias("DeleteDraft")]
    Task<Outcome> DeleteDraftAsync(int version);

    /// <summary>Publishes the draft: it becomes the live version, immutable from now on.</summary>
    [Alias("Publish")]
    Task<Result<PricebookVersion>> PublishAsync(int version);
}
