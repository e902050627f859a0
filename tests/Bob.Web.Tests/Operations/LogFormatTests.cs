using Bob.Hosting.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using System.Text.Json.Nodes;

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

    [Fact]
    public void A_json_line_is_one_flat_object_where_bobs_request_id_wins_over_the_connection_one()
    {
        var scopes = new LoggerExternalScopeProvider();
        using var hosting = scopes.Push(new Dictionary<string, object> { ["RequestId"] = "0HNQB5:00000001", ["RequestPath"] = "/api/widget/chat" });
        using var bob = scopes.Push(new Dictionary<string, object> { ["RequestId"] = "req-42" });
        using var trace = scopes.Push(new Dictionary<string, object> { ["TraceId"] = "4bf92f3577b34da6a3ce929d0e0e4736" });
        var state = new Dictionary<string, object?> { ["Method"] = "POST", ["StatusCode"] = 200, ["{OriginalFormat}"] = "{Method} {StatusCode}" };
        var entry = new LogEntry<Dictionary<string, object?>>(LogLevel.Information, "Bob.Web.Access", new EventId(0), state, null, (_, _) => "POST 200\nsecond line");
        using var output = new StringWriter();

        new JsonLineFormatter().Write(entry, scopes, output);

        var text = output.ToString();
        Assert.Equal(1, text.Count(c => c == '\n'));
        var line = JsonNode.Parse(text)!.AsObject();
        Assert.Equal("req-42", line["RequestId"]!.GetValue<string>());
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", line["TraceId"]!.GetValue<string>());
        Assert.Equal("/api/widget/chat", line["RequestPath"]!.GetValue<string>());
        Assert.Equal(200, line["StatusCode"]!.GetValue<long>());
        Assert.Equal("POST 200\nsecond line", line["Message"]!.GetValue<string>());
        Assert.False(line.ContainsKey("{OriginalFormat}"));
    }
}
