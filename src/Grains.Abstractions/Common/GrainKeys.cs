namespace Bob.Grains.Abstractions.Common;

/// <summary>
/// Every grain that belongs to a tenant is keyed "<c>tenantId/localId</c>": the tenant is part of the identity,
/// so the same local id under two tenants is two grains, and no lookup can cross tenants by accident.
/// </summary>
public static class GrainKeys
{
    private const char Separator = '/';

    public static string Scoped(TenantId tenant, string localId) => $"{tenant.Value}{Separator}{localId}";

    public static (TenantId Tenant, string LocalId) Parse(string key)
    {
        var at = key.IndexOf(Separator, StringComparison.Ordinal);
        if (at <= 0)
        {
            throw new ArgumentException($"'{key}' is not a tenant-scoped grain key.", nameof(key));
        }
        return (new TenantId(key[..at]), key[(at + 1)..]);
    }
}
