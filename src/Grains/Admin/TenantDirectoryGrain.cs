using Bob.Grains.Abstractions.Admin;
using Bob.Grains.Abstractions.Billing;
using Orleans.Concurrency;

namespace Bob.Grains.Admin;

[StatelessWorker]
public sealed class TenantDirectoryGrain(TenantDirectory directory, TimeProvider time) : Grain, ITenantDirectoryGrain
{
    /// <summary>Published pricebook versions never change, so each activation may keep the ones it has read.</summary>
    private readonly Dictionary<int, PricebookVersion> _versions = [];

    public async Task<TenantPage> ListAsync(TenantQuery query)
    {
        var period = BillingPeriod.Containing(time.GetUtcNow());
        var (rows, total) = await directory.ListAsync(query, period.Start);
        var items = new List<TenantListItem>(rows.Count);
        foreach (var (row, used) in rows)
        {
            var included = (await VersionAsync(row.PricebookVersion))?.Plan(row.Plan)?.IncludedCredits ?? 0;
            items.Add(new TenantListItem(row.Id, row.Name, row.Plan, row.PricebookVersion, row.Status, row.CreatedAt, used, included));
        }
        return new TenantPage(items, query.Page, query.PageSize, total, period);
    }

    private async Task<PricebookVersion?> VersionAsync(int version)
    {
        if (!_versions.TryGetValue(version, out var found))
        {
            found = await GrainFactory.GetGrain<IPricebookGrain>(IPricebookGrain.Key).GetVersionAsync(version);
            if (found is not null)
            {
                _versions[version] = found;
            }
        }
        return found;
    }
}
