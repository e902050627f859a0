using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Abstractions.Webhooks;

public static class WebhookEndpoints
{
    public static string Key(TenantId tenant, string endpointId) => GrainKeys.Scoped(tenant, endpointId);
}
