namespace Bob.Grains.Abstractions.Common;

public static class TenantGrains
{
    /// <summary>A grain keyed by the tenant alone (the tenant, its persona catalog, knowledge base, widget key catalog,
    /// credit meter, live feed), reached by <see cref="TenantId"/> rather than a loose string.</summary>
    public static TGrain GetGrain<TGrain>(this IGrainFactory grains, TenantId tenant) where TGrain : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.Reference<TGrain>(tenant.Value);
    }
}
