using Bob.Grains.Abstractions.Audit;
using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Audit;

namespace Bob.Grains.Billing;

[GenerateSerializer, Alias("bob.PricebookState")]
public sealed class PricebookState
{
    /// <summary>Oldest first; the last one is live. Entries are never changed or removed.</summary>
    [Id(0)] public List<PricebookVersion> Published { get; set; } = [];
    [Id(1)] public PricebookDraft? Draft { get; set; }
}

public sealed class PricebookGrain(
    [PersistentState("pricebook", "bob")] IPersistentState<PricebookState> pricebook,
    TimeProvider time) : Grain, IPricebookGrain
{
    private PricebookState State => pricebook.State;

    private PricebookVersion Live => State.Published[^1];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Published.Count == 0)
        {
            State.Published.Add(new PricebookVersion(SeedPricebook.Version, time.GetUtcNow(), SeedPricebook.Plans));
            await pricebook.WriteStateAsync(cancellationToken);
        }
    }

    public Task<PricebookVersion> GetLiveAsync() => Task.FromResult(Live);

    public Task<PricebookVersion?> GetVersionAsync(int version) =>
        Task.FromResult(State.Published.Find(v => v.Version == version));

    public Task<IReadOnlyList<PricebookDraft>> ListDraftsAsync() =>
        Task.FromResult<IReadOnlyList<PricebookDraft>>(State.Draft is { } draft ? [draft] : []);

    public Task<Result<PricebookDraft>> GetDraftAsync(int version) => Task.FromResult(FindDraft(version));

    public async Task<Result<PricebookDraft>> CreateDraftAsync(IReadOnlyList<PricebookPlan>? plans)
    {
        if (State.Draft is { } open)
        {
            return new Failure(FailureCodes.Conflict, $"Draft {open.Version} is open: edit, publish or delete it first.");
        }
        plans ??= Live.Plans;
        if (PricebookRules.Check(plans) is { } invalid)
        {
            return invalid;
        }
        var now = time.GetUtcNow();
        State.Draft = new PricebookDraft(Live.Version + 1, now, now, PricebookRules.Normalize(plans));
        await SaveAsync();
        return State.Draft;
    }

    public async Task<Result<PricebookDraft>> UpdateDraftAsync(int version, IReadOnlyList<PricebookPlan> plans)
    {
        var found = FindDraft(version);
        if (!found.IsSuccess)
        {
            return found;
        }
        if (PricebookRules.Check(plans) is { } invalid)
        {
            return invalid;
        }
        State.Draft = found.Value! with { Plans = PricebookRules.Normalize(plans), UpdatedAt = time.GetUtcNow() };
        await SaveAsync();
        return State.Draft;
    }

    public async Task<Outcome> DeleteDraftAsync(int version)
    {
        var found = FindDraft(version);
        if (!found.IsSuccess)
        {
            return found.Failure!;
        }
        State.Draft = null;
        await SaveAsync();
        return Outcome.Success;
    }

    public async Task<Result<PricebookVersion>> PublishAsync(int version)
    {
        var found = FindDraft(version);
        if (!found.IsSuccess)
        {
            return found.Failure!;
        }
        var previous = Live;
        var published = new PricebookVersion(version, time.GetUtcNow(), found.Value!.Plans);
        State.Published.Add(published);
        State.Draft = null;
        await SaveAsync();
        // The platform's own log: the pricebook is the platform's, and the admin who published is a member of it.
        await GrainFactory.AuditAsync(TenantId.Platform, AuditActions.PricebookPublished, new AuditTarget(AuditTargetTypes.Pricebook, $"v{version}"),
            BillingAuditSummaries.Pricebook(previous), BillingAuditSummaries.Pricebook(published));
        return published;
    }

    /// <summary>A failed write leaves memory ahead of the store: drop this activation so the next call reads the store again.</summary>
    private async Task SaveAsync()
    {
        try
        {
            await pricebook.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    private Result<PricebookDraft> FindDraft(int version)
    {
        if (State.Draft is { } draft && draft.Version == version)
        {
            return draft;
        }
        return State.Published.Exists(v => v.Version == version)
            ? new Failure(FailureCodes.Conflict, $"Version {version} is published, and published versions never change: open a new draft.")
            : Failure.NotFound("Pricebook draft");
    }
}
