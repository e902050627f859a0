namespace Bob.Faults.Tests;

/// <summary>
/// Two standalone silos and two web-only nodes as real processes on loopback, over the fixture's own PostgreSQL
/// database: the topology of deploy/cluster.sh, at a size that fits CI. A test that takes a node down brings it back.
/// </summary>
public sealed class ProcessClusterFixture : IAsyncLifetime
{
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public string Database { get; private set; } = "";

    public IReadOnlyList<NodeProcess> Silos { get; private set; } = [];

    public IReadOnlyList<NodeProcess> Webs { get; private set; } = [];

    public IReadOnlyList<Uri> WebUrls => [.. Webs.Select(w => new Uri(w.ReadyUrl.Replace("/health/ready", "", StringComparison.Ordinal)))];

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        var common = new Dictionary<string, string>
        {
            ["ConnectionStrings__Bob"] = Database,
            ["Bob__Hosting__MigrateAtStart"] = "false",
            ["Bob__Cluster__ClusterId"] = "faults",
            ["Bob__Dashboard__Enabled"] = "false",
            ["Bob__Telemetry__Enabled"] = "false",
            ["Bob__Credits__ReconcileInterval"] = "00:00:05",
            ["Bob__RateLimits__ChatPerMinutePerIp"] = "100000000",
            ["Bob__RateLimits__AuthPerMinutePerIp"] = "100000",
            ["Bob__RateLimits__WidgetKeyPerMinute"] = "100000000",
            ["Bob__RateLimits__WidgetKeyPerMinutePerIp"] = "100000000",
            ["Bob__RateLimits__HandoffPerHourPerIp"] = "100000000",
            ["Logging__LogLevel__Default"] = "Warning",
            // Production nodes refuse to start without the key that seals webhook secrets.
            ["Bob__Webhooks__SecretKeys__0"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        };
        Silos = [.. Enumerable.Range(0, 2).Select(i =>
        {
            var management = FreePorts.Next();
            return new NodeProcess($"silo-{i}", "Silo", $"http://127.0.0.1:{management}/health/ready", new Dictionary<string, string>(common)
            {
                ["DOTNET_ENVIRONMENT"] = "Production",
                ["Bob__Silo__SiloPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Bob__Silo__GatewayPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Bob__Management__Port"] = management.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        })];
        Webs = [.. Enumerable.Range(0, 2).Select(i =>
        {
            var url = $"http://127.0.0.1:{FreePorts.Next()}";
            return new NodeProcess($"web-{i}", "Web", $"{url}/health/ready", new Dictionary<string, string>(common)
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ASPNETCORE_URLS"] = url,
                ["Bob__Hosting__CoHostSilo"] = "false",
                ["Bob__PublicUrl"] = url,
            });
        })];
        foreach (var silo in Silos)
        {
            silo.Start();
        }
        await Task.WhenAll(Silos.Select(s => s.WaitReadyAsync(Http)));
        foreach (var web in Webs)
        {
            web.Start();
        }
        await Task.WhenAll(Webs.Select(w => w.WaitReadyAsync(Http)));
    }

    /// <summary>Starts a node that a test took down and waits until it is ready (and, for a silo, until web nodes can reach it).</summary>
    public async Task RestartAsync(NodeProcess node)
    {
        node.Start();
        await node.WaitReadyAsync(Http);
    }

    public async Task DisposeAsync()
    {
        foreach (var node in Webs.Concat(Silos))
        {
            await node.DisposeAsync();
        }
        Http.Dispose();
    }
}
