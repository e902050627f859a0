using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Bob.Grains.Webhooks;
using Bob.Testing.Webhooks;

namespace Bob.Testing;

/// <summary>
/// The real web pipeline (WebApplicationFactory) with a co-hosted silo on loopback ports over a fresh
/// PostgreSQL database. One per test class (or collection): start-up costs a couple of seconds.
/// </summary>
public class BobWebApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@bob.test";
    public const string AdminPassword = "admin-password-1";

    private readonly Dictionary<string, string?> _settings = [];

    public string ConnectionString { get; private set; } = "";

    /// <summary>What webhooks resolve and connect through: nothing but loopback, and every attempt recorded.</summary>
    public TestNetwork Network { get; } = new();

    /// <summary>Where a browser reaches this node (<c>http://127.0.0.1:port/</c>); only when served on Kestrel.</summary>
    public Uri ServerAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");

    /// <summary>The Orleans cluster id this node's silo joined; a second node (see <see cref="ClientWebNode"/>) joins it too.</summary>
    public string ClusterId => _settings["Bob:Cluster:ClusterId"]!;

    /// <summary>Extra settings for a derived fixture (e.g. a low rate limit).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>();

    /// <summary>Runs before the app starts, e.g. to start a fake remote service whose address goes into <see cref="Overrides"/>.</summary>
    protected virtual Task BeforeStartAsync() => Task.CompletedTask;

    /// <summary>True to serve over real Kestrel on a loopback port instead of the in-memory TestServer
    /// (for server-enforced behaviour such as the body-size limit on chunked requests).</summary>
    protected virtual bool OnKestrel => false;

    /// <summary>How a Kestrel-served fixture listens: a dynamic loopback port unless a derived fixture sets its own URLs.</summary>
    protected virtual void UseKestrelServer() => UseKestrel(0);

    /// <summary>Runs once Kestrel listens, e.g. to point clients at one of several ports.</summary>
    protected virtual void AfterKestrelStarted()
    {
    }

    public async Task InitializeAsync()
    {
        await BeforeStartAsync();
        ConnectionString = await TestDatabase.CreateAsync();
        _settings["ConnectionStrings:Bob"] = ConnectionString;
        _settings["Bob:Hosting:CoHostSilo"] = "true";
        _settings["Bob:Silo:SiloPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        _settings["Bob:Silo:GatewayPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        _settings["Bob:Cluster:ClusterId"] = $"web-{Guid.NewGuid():N}"[..16];
        _settings["Bob:Admin:Email"] = AdminEmail;
        _settings["Bob:Admin:Password"] = AdminPassword;
        _settings["Bob:RateLimits:AuthPerMinutePerIp"] = "100000";
        // Every test client shares one address (TestServer has none, Kestrel fixtures use loopback): the caps per visitor
        // address are tested by fixtures that lower them again.
        _settings["Bob:RateLimits:WidgetKeyPerMinutePerIp"] = "100000";
        _settings["Bob:RateLimits:HandoffPerHourPerIp"] = "100000";
        _settings["Bob:RateLimits:WebhookTestsPerMinutePerTenant"] = "100000";
        _settings["Logging:LogLevel:Bob.Web.Access"] = "Warning";
        foreach (var (key, value) in Overrides)
        {
            _settings[key] = value;
        }
        // Start now, so the first test does not pay for it inside its own timing.
        if (OnKestrel)
        {
            UseKestrelServer();
            StartServer();
            AfterKestrelStarted();
        }
        else
        {
            _ = Server;
        }
        await Eventually.ReturnsAsync(() => CreateClient().GetAsync("/health/ready"), r => r.IsSuccessStatusCode);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.UseEnvironment("Development");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IWebhookDnsResolver>(Network);
            services.AddSingleton<IWebhookSocketConnector>(Network);
        });
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
