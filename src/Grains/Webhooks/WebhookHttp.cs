using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Bob.Grains.Webhooks;

/// <summary>The one HTTP client webhooks leave through.</summary>
public static class WebhookHttp
{
    public const string ClientName = "bob-webhooks";

    public static IServiceCollection AddWebhookHttpClient(this IServiceCollection services)
    {
        services.AddHttpClient(ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan) // the sender times each attempt itself
            .ConfigurePrimaryHttpMessageHandler(provider => CreateHandler(provider.GetRequiredService<WebhookAddressGuard>()));
        return services;
    }

    /// <summary>
    /// Every connection goes through the guard's callback; no proxy (a proxy would make the connection on our behalf, out of
    /// the guard's sight), no redirects, no cookies, no decompression; pooled connections are renewed every minute so a
    /// changed DNS answer is checked again.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(WebhookAddressGuard guard)
    {
        ArgumentNullException.ThrowIfNull(guard);
        return new SocketsHttpHandler
        {
            ConnectCallback = guard.ConnectAsync,
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            MaxResponseHeadersLength = 16,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
    }
}
