namespace Bob.Grains.Abstractions.Audit;

/// <summary>
/// A tenant's audit log, keyed by tenant id: append-only, numbered without gaps. Appends run one at a time, so an
/// entry's id is also its place in time and a page read by cursor is never disturbed by later appends. Nothing edits
/// or deletes an entry (PostgreSQL refuses it too).
/// </summary>
[Alias("bob.IAuditLogGrain")]
public interface IAuditLogGrain : IGrainWithStringKey
{
    /// <summary>Appends one entry and returns it (with its id and time).</summary>
    [Alias("Append")]
    Task<AuditEntry> AppendAsync(AuditRecord record);

    [Alias("List"), Orleans.Concurrency.ReadOnly]
    Task<AuditPage> ListAsync(AuditQuery query);
}
