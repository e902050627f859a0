using Bob.Load;

namespace Bob.Faults.Tests;

/// <summary>The load tool's targets: several web nodes by a comma-separated or repeated <c>--url</c>, loopback only.</summary>
public sealed class LoadTargetsTests
{
    [Fact]
    public void A_comma_separated_url_list_names_every_web_node_once()
    {
        var urls = CommandLine.LoopbackUrls(["--url", "http://127.0.0.1:5980, http://127.0.0.1:5981,http://127.0.0.1:5980", "--duration", "5"]);

        Assert.Equal([new Uri("http://127.0.0.1:5980"), new Uri("http://127.0.0.1:5981")], urls);
    }

    [Fact]
    public void A_repeated_url_adds_a_web_node_and_loopback_by_name_or_IPv6_is_accepted()
    {
        var urls = CommandLine.LoopbackUrls(["--url", "http://localhost:5980", "--url", "http://[::1]:5981"]);

        Assert.Equal(2, urls.Count);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5980,http://10.0.0.5:5981")]
    [InlineData("http://example.com")]
    public void Any_address_that_is_not_loopback_refuses_the_whole_run(string list)
    {
        Assert.Throws<ArgumentException>(() => CommandLine.LoopbackUrls(["--url", list]));
    }

    [Fact]
    public void The_load_options_carry_every_node_and_one_tenant_for_a_hot_tenant_run()
    {
        var options = LoadOptions.Parse(["--url", "http://127.0.0.1:5980,http://127.0.0.1:5981", "--tenants", "1"]);

        Assert.Equal(2, options.Urls.Count);
        Assert.Equal(1, options.Tenants);
    }
}
