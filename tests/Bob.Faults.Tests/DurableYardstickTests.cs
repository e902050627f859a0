using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bob.Load;
using Npgsql;

namespace Bob.Faults.Tests;

/// <summary>The load tool's simplest durable chat endpoint: what it stores per request, and that it stays on loopback.</summary>
public sealed class DurableYardstickTests
{
    [Fact]
    public async Task Each_request_commits_two_message_rows_and_one_summary_row_before_it_answers()
    {
        var database = await TestDatabase.CreateEmptyAsync();
        await using var server = await DurableChatServer.StartAsync(database);
        using var client = new HttpClient { BaseAddress = server.Url };

        for (var turn = 0; turn < 3; turn++)
        {
            var response = await client.PostAsJsonAsync("/api/widget/chat", new { session_id = "load-1", message = $"question {turn}" });
            response.EnsureSuccessStatusCode();
            Assert.Equal("load-1", (await response.Content.ReadFromJsonAsync<JsonObject>())!["session_id"]!.GetValue<string>());
        }

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM yardstick_messages WHERE conversation_id = 'load-1'", connection);
        Assert.Equal(6L, await count.ExecuteScalarAsync());
        await using var summary = new NpgsqlCommand("SELECT message_count FROM yardstick_conversations WHERE conversation_id = 'load-1'", connection);
        Assert.Equal(6, await summary.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("Host=10.0.0.5;Username=bob;Database=durable")]
    [InlineData("Host=db.example.com;Username=bob;Database=durable")]
    public async Task A_database_that_is_not_on_loopback_is_refused(string connectionString)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => DurableChatServer.StartAsync(connectionString));
    }

    [Fact]
    public void The_run_defaults_are_the_issue_s_shape_and_take_a_durable_database()
    {
        var options = LoadOptions.Parse(["--durable-db", "Host=127.0.0.1;Database=durable"]);

        Assert.Equal("Host=127.0.0.1;Database=durable", options.DurableDatabase);
        Assert.Equal((50, 4000, 8, TimeSpan.FromSeconds(10)), (options.Connections, options.Sessions, options.Tenants, options.Duration));
        Assert.Null(LoadOptions.Parse([]).DurableDatabase);
    }

    [Fact]
    public async Task A_session_keeps_its_widget_key_and_carries_the_token_its_first_turn_returned()
    {
        string[] keys = ["pk_a", "pk_b", "pk_c"];
        var sessions = await VisitorSessions.OpenAsync("load", 6, keys, 2, (s, i) => Task.FromResult(new HttpResponseMessage
        {
            Content = JsonContent.Create(new { session_id = s.Id(i), visitor_token = $"token-{i}" }),
        }));

        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(sessions.Key(i), sessions.Key(i + 6_000_000));
            Assert.Equal(sessions.Id(i), sessions.Id(i + 6_000_000));
        }
        Assert.Equal(["pk_a", "pk_b", "pk_c", "pk_a"], Enumerable.Range(0, 4).Select(sessions.Key));
        var body = JsonSerializer.SerializeToNode(sessions.Body(7, "hi"))!;
        Assert.Equal(("load-1", "token-1"), (body["session_id"]!.GetValue<string>(), body["visitor_token"]!.GetValue<string>()));
    }
}
