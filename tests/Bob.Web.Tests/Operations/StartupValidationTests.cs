using Bob.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace Bob.Web.Tests.Operations;

/// <summary>A bad setting stops the node at start with a message that names the setting, instead of failing later.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Bob:Silo:AdvertisedIp", "0.0.0.0", "Bob:Silo:AdvertisedIp must be a routable address")]
    [InlineData("Bob:Silo:AdvertisedIp", "silo-one", "Bob:Silo:AdvertisedIp must be an IP address")]
    [InlineData("Bob:Silo:GatewayPort", "70000", "Bob:Silo:GatewayPort must be 1..65535")]
    [InlineData("Bob:Management:Port", "-1", "Bob:Management:Port must be 1..65535")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4317", "OTEL_EXPORTER_OTLP_ENDPOINT must be an absolute http(s) URL")]
    [InlineData("Bob:Logging:Format", "xml", "Bob:Logging:Format must be json, text or auto")]
    [InlineData("Bob:Database:UnavailableWait", "00:05:00", "Bob:Database:UnavailableWait must be between 00:00:00 and 00:01:00 (got 00:05:00)")]
    [InlineData("Bob:Credits:HoldExpiry", "00:00:20", "Bob:Credits:HoldExpiry must be between 00:01:00 and 01:00:00 (got 00:00:20)")]
    [InlineData("Bob:TurnCache:MaxTenants", "0", "Bob:TurnCache:MaxTenants must be at least 1 (got 0)")]
    [InlineData("Bob:Personas:VersionsKept", "0", "Bob:Personas:VersionsKept must be at least 1 (got 0)")]
    [InlineData("Bob:Network:TrustedProxies", "10.0.0.0/33", "Bob:Network:TrustedProxies must list IP addresses or CIDR networks")]
    [InlineData("Bob:Network:TrustedProxies", "127.0.0.1, proxy.internal", "(got 'proxy.internal')")]
    public async Task A_bad_setting_stops_the_start_with_a_message_naming_it(string key, string value, string message)
    {
        var connectionString = await SharedDatabase.Value;
        await using var node = new MisconfiguredNode(connectionString, key, value);

        var failure = Record.Exception(() => node.Server);

        var validation = Assert.IsType<OptionsValidationException>(Unwrap(failure));
        Assert.Contains(message, validation.Message, StringComparison.Ordinal);
    }

    // One migrated database for all cases: none of them gets as far as writing to it.
    private static readonly Lazy<Task<string>> SharedDatabase = new(TestDatabase.CreateAsync);

    private static Exception? Unwrap(Exception? exception) =>
        exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? Unwrap(aggregate.InnerException) : exception;

    private sealed class MisconfiguredNode(string connectionString, string key, string value) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("ConnectionStrings:Bob", connectionString);
            builder.UseSetting("Bob:Hosting:CoHostSilo", "true");
            builder.UseSetting("Bob:Silo:SiloPort", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Bob:Silo:GatewayPort", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Bob:Cluster:ClusterId", $"bad-{Guid.NewGuid():N}"[..16]);
            builder.UseSetting(key, value);
            builder.UseEnvironment("Development");
        }
    }
}
