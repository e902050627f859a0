using Bob.Hosting.Configuration;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Bob.Web.Tests.Operations;

/// <summary>The bounded waits on PostgreSQL every node's runtime connection string carries.</summary>
public sealed class DatabaseTimeoutsTests
{
    [Fact]
    public void Without_settings_a_node_waits_3_s_for_a_connection_and_10_s_for_a_command()
    {
        var npgsql = Parsed(Configuration(("ConnectionStrings:Bob", "Host=db;Database=bob;Username=bob")));

        Assert.Equal(3, npgsql.Timeout);
        Assert.Equal(10, npgsql.CommandTimeout);
        Assert.Equal("db", npgsql.Host);
        Assert.Equal("bob", npgsql.Database);
    }

    [Fact]
    public void The_settings_replace_any_timeout_the_connection_string_carries()
    {
        var npgsql = Parsed(Configuration(
            ("ConnectionStrings:Bob", "Host=db;Timeout=15;CommandTimeout=30;Database=bob"),
            ("Bob:Database:ConnectTimeout", "00:00:02"),
            ("Bob:Database:CommandTimeout", "00:01:00")));

        Assert.Equal(2, npgsql.Timeout);
        Assert.Equal(60, npgsql.CommandTimeout);
    }

    [Theory]
    [InlineData("ConnectTimeout", "0")]
    [InlineData("ConnectTimeout", "00:00:00.500")]
    [InlineData("CommandTimeout", "01:00:00")]
    [InlineData("CommandTimeout", "soon")]
    public void A_timeout_that_is_not_whole_seconds_from_1_s_to_10_min_is_refused_naming_the_setting(string name, string value)
    {
        var configuration = Configuration(("ConnectionStrings:Bob", "Host=db"), ($"Bob:Database:{name}", value));

        var refused = Assert.Throws<InvalidOperationException>(() => DatabaseTimeouts.ConnectionString(configuration));
        Assert.Contains($"Bob:Database:{name} must be whole seconds", refused.Message, StringComparison.Ordinal);
    }

    private static NpgsqlConnectionStringBuilder Parsed(IConfiguration configuration) => new(DatabaseTimeouts.ConnectionString(configuration));

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
}
