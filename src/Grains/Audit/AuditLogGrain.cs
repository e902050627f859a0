using Bob.Grains.Abstractions.Audit;
using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Audit;

/// <summary>
/// A tenant's audit log. Appends run one at a time (the grain is not reentrant), each taking the next id, so ids are
/// gap-free and in time order. If two activations ever coexist, the table's primary key lets only one take an id; the
/// other rereads the last id and tries again.
/// </summary>
public sealed class AuditLogGrain(AuditStore store, TimeProvider time) : Grain, IAuditLogGrain
{
    private const int AppendAttempts = 3;

    private long _lastId;

    private TenantId Tenant => new(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken) => _lastId = await store.LastIdAsync(Tenant);

    public async Task<AuditEntry> AppendAsync(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!AuditActions.IsKnown(record.Action))
        {
            throw new ArgumentException($"'{record.Action}' is not an audit action (AuditActions.All).", nameof(record));
        }
        for (var attempt = 1; attempt <= AppendAttempts; attempt++)
        {
            var entry = new AuditEntry(_lastId + 1, Tenant, time.GetUtcNow(), record.Actor, record.Action, record.Target, record.Before, record.After);
            if (await store.TryAppendAsync(entry))
            {
                _lastId = entry.Id;
                return entry;
            }
            _lastId = await store.LastIdAsync(Tenant);
        }
        throw new InvalidOperationException($"The audit log of {Tenant} could not take a new id in {AppendAttempts} attempts.");
    }

    public Task<AuditPage> ListAsync(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return store.ListAsync(Tenant, query with { Limit = Math.Clamp(query.Limit, 1, AuditQuery.MaxLimit) });
    }
}
