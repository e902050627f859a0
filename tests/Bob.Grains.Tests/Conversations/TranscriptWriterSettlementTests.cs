using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Conversations;
using Bob.Grains.Webhooks;
using Bob.Hosting.Configuration;
using Bob.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bob.Grains.Tests.Conversations;

/// <summary>
/// Answered turns committed together are settled together: one meter call per tenant of the batch, with the transaction
/// that committed them. A settle that fails fails the settlements, never the appends
/// (they are durable). The writer runs on a real database; the meter is recorded at its seam (<see cref="ITurnSources"/>),
/// since what is checked is the writer's grouping (the meter's own exactness is <see cref="CreditMeterTests"/>').
/// </summary>
public sealed class TranscriptWriterSettlementTests
{
    [Fact]
    public async Task The_answers_of_one_batch_are_settled_with_one_meter_call_per_tenant()
    {
        var meter = new RecordingMeter();
        await using var writer = await WriterAsync(meter);
        var first = new CreditSettlement(1, 2);
        var second = new CreditSettlement(1, 3);
        var other = new CreditSettlement(1, 1);

        // Queued before the writer starts, so they go in one batch.
        var appends = new[]
        {
            writer.Writer.AppendAsync(Row("acme", "a-1"), [Message("a-1")], settlement: first),
            writer.Writer.AppendAsync(Row("acme", "a-2"), [Message("a-2")], settlement: second),
            writer.Writer.AppendAsync(Row("globex", "g-1"), [Message("g-1")], settlement: other),
            writer.Writer.AppendAsync(Row("acme", "a-3"), [Message("a-3")]),
        };
        await writer.StartAsync();
        var transactions = await Task.WhenAll(appends);
        var balances = await Task.WhenAll(first.Balance.Task, second.Balance.Task, other.Balance.Task);

        Assert.Single(transactions.Distinct());
        Assert.Equal([$"acme 2 5 {transactions[0]}", $"globex 1 1 {transactions[0]}"], meter.Calls.Order());
        Assert.All(balances, balance => Assert.Equal(RecordingMeter.Balance, balance));
    }

    [Fact]
    public async Task A_failed_settle_fails_the_settlement_but_not_the_durable_append()
    {
        var meter = new RecordingMeter { Fails = true };
        await using var writer = await WriterAsync(meter);
        var settlement = new CreditSettlement(1, 2);

        var append = writer.Writer.AppendAsync(Row("acme", "fails"), [Message("fails")], settlement: settlement);
        await writer.StartAsync();

        await append;
        await Assert.ThrowsAsync<TimeoutException>(() => settlement.Balance.Task);
        Assert.Equal(1, await writer.CountMessagesAsync("fails"));
    }

    private static async Task<RunningWriter> WriterAsync(ITurnSources meter)
    {
        var connectionString = await TestDatabase.CreateAsync();
        var data = NpgsqlDataSource.Create(new DatabaseTimeouts(DatabaseTimeouts.DefaultConnect, DatabaseTimeouts.DefaultCommand).ApplyTo(connectionString));
        var writer = new TranscriptWriter(new TranscriptStore(data), new WebhookOutboxSignal(), meter,
            Options.Create(new TranscriptWriterOptions()), NullLogger<TranscriptWriter>.Instance);
        return new RunningWriter(writer, data);
    }

    private static ConversationRow Row(string tenant, string id)
    {
        var now = DateTimeOffset.UtcNow;
        return new ConversationRow(new TenantId(tenant), new ConversationId(id), ChatChannel.Widget, ConversationStatus.Assistant,
            null, null, null, now, now, 1, "hello");
    }

    private static TranscriptMessage Message(string conversation) =>
        new(1, $"msg_{conversation}_1", TranscriptRole.Visitor, "hello", null, [], false, 0, DateTimeOffset.UtcNow, $"{conversation}-1");

    private sealed class RunningWriter(TranscriptWriter writer, NpgsqlDataSource data) : IAsyncDisposable
    {
        public TranscriptWriter Writer => writer;

        public Task StartAsync() => writer.StartAsync(CancellationToken.None);

        public async Task<long> CountMessagesAsync(string conversation)
        {
            await using var count = data.CreateCommand("SELECT count(*) FROM bob_messages WHERE session_id = $1");
            count.Parameters.Add(new() { Value = conversation });
            return (long)(await count.ExecuteScalarAsync())!;
        }

        public async ValueTask DisposeAsync()
        {
            await writer.StopAsync(CancellationToken.None);
            writer.Dispose();
            await data.DisposeAsync();
        }
    }

    /// <summary>Records each settle the writer makes (tenant, held, credits, transaction); the other calls are not the writer's.</summary>
    private sealed class RecordingMeter : ITurnSources
    {
        public static readonly ChatCredits Balance = new(5, 95);

        public bool Fails { get; init; }

        public List<string> Calls { get; } = [];

        public Task<ChatCredits> SettleAsync(TenantId tenant, int held, int credits, ulong commitTransaction)
        {
            lock (Calls)
            {
                Calls.Add($"{tenant.Value} {held} {credits} {commitTransaction}");
            }
            return Fails ? Task.FromException<ChatCredits>(new TimeoutException("the meter did not answer")) : Task.FromResult(Balance);
        }

        public Task<ITurnTenant?> TenantAsync(TenantId tenant, TenantTurnConfig? alreadyRead = null) => throw new NotSupportedException();

        public Task<ChatCredits> BalanceAsync(TenantId tenant) => throw new NotSupportedException();

        public Task<CreditHold> HoldAsync(TenantId tenant, string creditPolicy) => throw new NotSupportedException();

        public Task<ChatCredits> ReleaseAsync(TenantId tenant, int held) => throw new NotSupportedException();

        public Task<ChatCredits> ReconcileAsync(TenantId tenant) => throw new NotSupportedException();
    }
}
