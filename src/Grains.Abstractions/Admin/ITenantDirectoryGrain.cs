namespace Bob.Grains.Abstractions.Admin;

/// <summary>Lists tenants for the platform admin, from the tenant directory (a stateless worker on every silo).</summary>
[Alias("bob.ITenantDirectoryGrain")]
public interface ITenantDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("List")]
    Task<TenantPage> ListAsync(TenantQuery query);
}
