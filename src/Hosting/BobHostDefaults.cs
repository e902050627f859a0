using Bob.Hosting.Logging;
using Bob.Hosting.Management;
using Bob.Hosting.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bob.Hosting;

/// <summary>What every Bob process (web node, standalone silo) sets up the same way: logs, telemetry, the management port, shutdown.</summary>
public static class BobHostDefaults
{
    public const string ShutdownTimeoutKey = "Bob:Hosting:ShutdownTimeout";

    /// <param name="serviceName">OpenTelemetry <c>service.name</c>: <c>bob-web</c> or <c>bob-silo</c>.</param>
    /// <param name="publicUrls">False for a silo: its only HTTP port is the management port.</param>
    /// <param name="defaultManagementPort">The management port when <c>Bob:Management:Port</c> is unset (0: none).</param>
    public static WebApplicationBuilder AddBobHostDefaults(this WebApplicationBuilder builder, string serviceName, bool publicUrls, int defaultManagementPort)
    {
        builder.AddBobLogging();
        builder.AddBobTelemetry(serviceName);
        builder.AddBobManagementPort(publicUrls, defaultManagementPort);
        builder.Services.AddMetrics();
        // A silo leaving gracefully hands its grains over and leaves the membership table; give it time,
        // and keep this below the orchestrator's termination grace period (k8s: 60 s in deploy/k8s).
        var shutdown = builder.Configuration.GetValue(ShutdownTimeoutKey, TimeSpan.FromSeconds(30));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdown);
        return builder;
    }
}
