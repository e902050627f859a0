using Bob.Grains.Abstractions.Common;

namespace Bob.Web.Features.Conversations;

/// <summary>
/// Which tenant a public chat's <c>business_id</c> names. None: the platform tenant (Bob's own site). The platform's
/// public business id (<c>Bob:PublicChat:BusinessId</c>, e.g. the seed's <c>office16852-platform</c>) is another name
/// for it, so the seed's example answers as Bob; any other id is a tenant id (unknown ones answer 404 <c>unknown_business</c>).
/// </summary>
public static class PublicBusiness
{
    public const string Setting = "Bob:PublicChat:BusinessId";

    public static TenantId Resolve(string? businessId, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return businessId is null || string.Equals(businessId, configuration[Setting], StringComparison.Ordinal)
            ? TenantId.Platform
            : new TenantId(businessId);
    }
}
