using Bob.Grains.Abstractions.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;

namespace Bob.Hosting.Telemetry;

/// <summary>
/// OpenTelemetry for every Bob process: traces and metrics from ASP.NET Core, Orleans, Npgsql, HttpClient and
/// Microsoft.Extensions.AI plus Bob's own meter. Metrics are scraped from the management port (Prometheus);
/// the OTLP exporter is on only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class TelemetrySetup
{
    /// <summary>The source and meter name of Microsoft.Extensions.AI's <c>UseOpenTelemetry()</c> when none is given.</summary>
    public const string ChatClientSource = "Experimental.Microsoft.Extensions.AI";

    /// <summary>Orleans' meter (grain calls, activations, membership, storage latency).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>
    /// Orleans spans worth a trace: application grain calls and grain storage. The runtime source (membership
    /// probes, directory calls) makes a root span every few seconds per silo and is left out on purpose.
    /// </summary>
    public static readonly string[] OrleansSources = [ActivitySources.ApplicationGrainActivitySourceName, ActivitySources.StorageActivitySourceName];

    public static TelemetryOptions Read(IConfiguration configuration) =>
        configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();

    public static bool OtlpConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[TelemetryOptions.OtlpEndpointVariable]);

    /// <param name="serviceName">The OpenTelemetry <c>service.name</c> unless <c>OTEL_SERVICE_NAME</c> says otherwise.</param>
    public static IHostApplicationBuilder AddBobTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        var options = Read(builder.Configuration);
        ValidateOtlpEndpoint(builder.Configuration);
        if (!options.Enabled)
        {
            return builder;
        }
        var otlp = OtlpConfigured(builder.Configuration);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
                {
                    resource.AddService(serviceName, serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString());
                }
            })
            .WithMetrics(metrics => metrics
                .AddMeter(TelemetryNames.Meter, OrleansMeter, ChatClientSource)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddPrometheusExporter());
        if (options.Tracing ?? otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(TelemetryNames.ActivitySource, ChatClientSource)
                .AddSource(OrleansSources)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbeOrScrape(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql());
        }
        if (otlp)
        {
            builder.Logging.AddOpenTelemetry(logs =>
            {
                logs.IncludeFormattedMessage = true;
                logs.IncludeScopes = true;
            });
            telemetry.UseOtlpExporter();
        }
        return builder;
    }

    /// <summary>Serves <c>/metrics</c> (Prometheus text format), reachable only on the management port.</summary>
    public static void MapBobMetrics(this WebApplication app)
    {
        if (Read(app.Configuration).Enabled)
        {
            app.MapPrometheusScrapingEndpoint("/metrics").WithMetadata(Management.ManagementPort.OnlyMarker);
        }
    }

    private static bool IsProbeOrScrape(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);

    private static void ValidateOtlpEndpoint(IConfiguration configuration)
    {
        var endpoint = configuration[TelemetryOptions.OtlpEndpointVariable];
        if (!string.IsNullOrWhiteSpace(endpoint) && (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(TelemetryOptions.OtlpEndpointVariable, typeof(TelemetryOptions),
                [$"{TelemetryOptions.OtlpEndpointVariable} must be an absolute http(s) URL such as http://otel-collector:4317 (got '{endpoint}')."]);
        }
    }
}
