using Bob.Hosting.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace Bob.Web.Tests.Operations;

/// <summary>JSON lines where logs are shipped (Production off a terminal), one readable line per event on a terminal.</summary>
public sealed class LogFormatTests
{
    [Theory]
    [InlineData("Production", true, null, true)]
    [InlineData("Production", false, null, false)]
    [InlineData("Development", true, null, false)]
    [InlineData("Production", false, "json", true)]
    [InlineData("Production", true, "text", false)]
    [InlineData("Development", false, "auto", false)]
    public void Json_is_chosen_in_production_off_a_terminal_unless_the_format_is_set(string environment, bool redirected, string? format, bool json)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [LoggingSetup.FormatKey] = format }).Build();

        Assert.Equal(json, LoggingSetup.UsesJson(configuration, new HostingEnvironment { EnvironmentName = environment }, redirected));
    }

    [Fact]
    public void The_older_json_switch_still_means_json()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Bob:Logging:Json"] = "true" }).Build();

        Assert.True(LoggingSetup.UsesJson(configuration, new HostingEnvironment { EnvironmentName = Environments.Development }, outputRedirected: false));
    }
}
