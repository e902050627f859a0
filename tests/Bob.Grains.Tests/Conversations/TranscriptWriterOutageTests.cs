using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Hosting.Configuration;
using Bob.Grains.Conversations;
using Bob.Grains.Webhooks;
using Bob.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bob.Grains.Tests.Conversations;

/// <summary>
/// A turn's durable append that meets an unavailable database (a restart) waits for it, bounded by
/// <c>Bob:Database:UnavailableWait</c>, and commits once it is back, instead of failing the turn at once; past the wait it
/// fails as 503. The outage is real: the writer's own database refuses connections and its sessions are terminated.
/// </summary>
public sealed class TranscriptWriterOutageTests
{
    [Fact]
    public async Task An_append_refused_by_an_unavailable_database_waits_and_is_written_once_when_it_is_back()
    {
        var connectionString = await TestDatabase.CreateAsync();
        var log = new WaitLog();
        await using var writer = await StartWriterAsync(connectionString, TimeSpan.FromMinutes(1), log);

        var outage = await DatabaseOutage.BeginAsync(connectionString);
        var append = writer.AppendAsync(Row("waits"), [Message("waits", 1)]);
        await Eventually.ReturnsAsync(() => Task.FromResult(log.Waits), waits => waits > 0);
        Assert.False(append.IsCompleted);
        await outage.EndAsync();

        await append;
        Assert.Equal(1, await CountMessagesAsync(connectionString, "waits"));
    }

    [Fact]
    public async Task An_append_still_refused_after_its_wait_fails_as_service_unavailable_and_writes_nothing()
    {
        var connectionString = await TestDatabase.CreateAsync();
        await using var writer = await StartWriterAsync(connectionString, TimeSpan.Zero, new WaitLog());

        await using (await DatabaseOutage.BeginAsync(connectionString))
        {
            var failure = await Assert.ThrowsAsync<FailureException>(() => writer.AppendAsync(Row("gives-up"), [Message("gives-up", 1)]));
            Assert.Equal(FailureCodes.ServiceUnavailable, failure.Failure.Code);
        }

        Assert.Equal(0, await CountMessagesAsync(connectionString, "gives-up"));
    }

    private static async Task<RunningWriter> StartWriterAsync(string connectionString, TimeSpan unavailableWait, WaitLog log)
    {
        var data = NpgsqlDataSource.Create(new DatabaseTimeouts(DatabaseTimeouts.DefaultConnect, DatabaseTimeouts.DefaultCommand).ApplyTo(connectionString));
        var writer = new TranscriptWriter(new TranscriptStore(data), new WebhookOutboxSignal(), new InMemoryTurnSources(),
            Options.Create(new TranscriptWriterOptions { UnavailableWait = unavailableWait }), log);
        await writer.StartAsync(CancellationToken.None);
        return new RunningWriter(writer, data);
    }

    private static ConversationRow Row(string id)
    {
        var now = DateTimeOffset.UtcNow;
        return new ConversationRow(new TenantId("writer-outage"), new ConversationId(id), ChatChannel.Widget, ConversationStatus.Assistant,
            null, null, null, now, now, 1, "hello");
    }

    private static TranscriptMessage Message(string conversation, int seq) =>
        new(seq, $"msg_{conversation}_{seq}", TranscriptRole.Visitor, "hello", null, [], false, 0, DateTimeOffset.UtcNow, $"{conversation}-{seq}");

    private static async Task<long> CountMessagesAsync(string connectionString, string conversation)
    {
        // Unpooled: the outage terminated the pool's connections, and a dead one fails once more on its next use.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM bob_messages WHERE tenant_id = 'writer-outage' AND session_id = $1", connection);
        count.Parameters.Add(new() { Value = conversation });
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private sealed class RunningWriter(TranscriptWriter writer, NpgsqlDataSource data) : IAsyncDisposable
    {
        public Task<ulong> AppendAsync(ConversationRow row, IReadOnlyList<TranscriptMessage> messages) => writer.AppendAsync(row, messages);

        public async ValueTask DisposeAsync()
        {
            await writer.StopAsync(CancellationToken.None);
            writer.Dispose();
            await data.DisposeAsync();
        }
    }

    /// <summary>Counts the writer's "appends wait for the database" lines: the sign that an append met the outage.</summary>
    private sealed class WaitLog : ILogger<TranscriptWriter>
    {
        private int _waits;

        public int Waits => Volatile.Read(ref _waits);

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (formatter(state, exception).Contains("wait for it", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _waits);
            }
        }
    }
}
