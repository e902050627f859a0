using System.Diagnostics;
using Bob.Testing;
using Bob.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Bob.Web.Tests.Operations;

/// <summary>
/// A web node on real Kestrel with its public port and its management port, tracing on into an in-memory exporter,
/// and every log event captured: what an operator's collector and log shipper would receive.
/// </summary>
public sealed class ObservedBobWebApp : BobWebApp
{
    private readonly int _publicPort = FreePorts.Next();

    public int ManagementPort { get; } = FreePorts.Next();

    public List<Activity> Spans { get; } = [];

    public LogCapture Logs { get; } = new();

    public Uri PublicUrl => new($"http://127.0.0.1:{_publicPort}");

    public Uri ManagementUrl => new($"http://127.0.0.1:{ManagementPort}");

    protected override bool OnKestrel => true;

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["urls"] = PublicUrl.ToString(),
        ["Bob:Management:Port"] = ManagementPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Bob:Telemetry:Tracing"] = "true",
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Orleans"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
        ["Logging:LogLevel:Bob.Web.Access"] = "Information",
    };

    /// <summary>Listens where <c>urls</c> and the management port say, as in production.</summary>
    protected override void UseKestrelServer() => UseKestrel();

    /// <summary>Clients call the public port (Kestrel lists the management port too).</summary>
    protected override void AfterKestrelStarted() => ClientOptions.BaseAddress = PublicUrl;

    /// <summary>The spans recorded so far (the exporter's list is appended from other threads).</summary>
    public List<Activity> SpansSnapshot()
    {
        lock (Spans)
        {
            return [.. Spans];
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new SimpleActivityExportProcessor(new LockedInMemoryExporter(Spans))));
            services.AddSingleton<ILoggerProvider>(Logs);
        });
    }

    /// <summary>The in-memory exporter, but safe to read while spans are still being exported.</summary>
    private sealed class LockedInMemoryExporter(List<Activity> spans) : OpenTelemetry.BaseExporter<Activity>
    {
        public override OpenTelemetry.ExportResult Export(in OpenTelemetry.Batch<Activity> batch)
        {
            lock (spans)
            {
                foreach (var activity in batch)
                {
                    spans.Add(activity);
                }
            }
            return OpenTelemetry.ExportResult.Success;
        }
    }
}

/// <summary>
/// One observed node shared by the observability, log and management-port tests (start-up costs seconds). It runs with
/// no other collection beside it: OpenTelemetry merges same-named instruments of every "Bob" meter in the process into
/// one stream, and another test host stopping meanwhile would end this node's series (one host per process in production).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ObservedNode : ICollectionFixture<ObservedBobWebApp>
{
    public const string Name = "observed node";
}
