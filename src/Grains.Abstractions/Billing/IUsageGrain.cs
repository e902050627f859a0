using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Abstractions.Billing;

/// <summary>Reads a tenant's usage this billing period (keyed by tenant id; a stateless worker on every silo).</summary>
[Alias("bob.IUsageGrain")]
public interface IUsageGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<Result<TenantUsage>> GetAsync();
}
