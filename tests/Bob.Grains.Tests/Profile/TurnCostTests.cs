using System.Collections.Concurrent;
using System.Diagnostics;
using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.Knowledge;
using Bob.Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace Bob.Grains.Tests.Profile;

/// <summary>One silo whose grain calls are counted.</summary>
public sealed class CountedClusterFixture : ClusterFixture
{
    protected override void ConfigureBuilder(TestClusterBuilder builder) => builder.AddSiloBuilderConfigurator<GrainCallCounter.Configurator>();

    public GrainCallCounter Counter => ((InProcessSiloHandle)Cluster.Primary!).SiloHost.Services.GetRequiredService<GrainCallCounter>();
}

/// <summary>
/// What a warm widget turn costs, counted rather than timed (docs/performance.md): grain calls by method, SQL
/// commands and bytes allocated. The figures print to the test output; the assertions keep the turn from growing calls again.
/// </summary>
[Collection(TurnCostCollection.Name)]
public sealed class TurnCostTests(CountedClusterFixture fixture, ITestOutputHelper output) : IClassFixture<CountedClusterFixture>
{
    /// <summary>Bytes allocated per warm turn, whole process (123.5 KB before the second pass, ≈ 66 KB after; docs/performance.md).</summary>
    private const double AllocatedBytesPerTurnBudget = 100 * 1024;

    private const int Conversations = 4;
    private const int TurnsEach = 5;

    [Fact]
    public async Task A_warm_widget_turn_reads_its_tenant_from_the_silos_copy_and_commits_in_one_transaction()
    {
        var tenant = new TenantId($"cost-{Guid.NewGuid():N}"[..20]);
        Assert.True(await fixture.Grains.GetGrain<ITenantGrain>(tenant).CreateAsync(new TenantCreation("Cost Co", Plans.Starter, PublicChat: false)));
        Assert.True((await fixture.Grains.GetGrain<IKnowledgeBaseGrain>(tenant)
            .CreateAsync(new KnowledgeInput("Shipping", "We ship worldwide within 3 business days.", ["shipping"]))).IsSuccess);
        var conversations = Enumerable.Range(0, Conversations).Select(i => fixture.Grains.GetConversation(tenant, new ConversationId($"cost-{i}"))).ToList();
        // Activation, transcript load and this silo's copy of the tenant (a conversation's first turn asks for the
        // active persona, later ones for the persona it kept: both are in the copy after two turns).
        foreach (var conversation in conversations.Concat(conversations))
        {
            await SendAsync(conversation);
        }

        using var sql = new SqlCommandCounter(new NpgsqlConnectionStringBuilder(fixture.ConnectionString).Database!);
        fixture.Counter.Reset();
        var started = Stopwatch.GetTimestamp();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (var turn = 0; turn < TurnsEach; turn++)
        {
            foreach (var conversation in conversations)
            {
                await SendAsync(conversation);
            }
        }
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var elapsed = Stopwatch.GetElapsedTime(started);
        var calls = fixture.Counter.Snapshot();
        const double turns = Conversations * TurnsEach;

        foreach (var (method, count) in calls.OrderByDescending(c => c.Value))
        {
            output.WriteLine($"{method}: {count / turns:F2} per turn");
        }
        var callsBesideTheTurn = calls.Where(c => c.Key != "IConversationGrain.SendAsync").Sum(c => c.Value) / turns;
        output.WriteLine($"grain calls per turn beside the conversation's own: {callsBesideTheTurn:F2}");
        output.WriteLine($"SQL commands per turn: {sql.Count / turns:F2} ({string.Join("; ", sql.ByStatement().Select(s => $"{s.Value}× {s.Key}"))})");
        output.WriteLine($"allocated per turn (whole process, meaningful when this test runs alone): {allocated / turns / 1024:F1} KB");

        Assert.Equal(Conversations * TurnsEach, calls.GetValueOrDefault("IConversationGrain.SendAsync"));
        // Turns one after another: the silo's copy of the tenant's settings is read again at most once per lifetime of a copy.
        var tenantReads = calls.GetValueOrDefault("ITenantGrain.GetTurnConfigAsync");
        Assert.True(tenantReads <= 1 + (int)elapsed.TotalSeconds, $"{tenantReads} tenant reads in {elapsed} for {turns} turns");
        Assert.DoesNotContain(calls.Keys, k => k.StartsWith("IGovernanceGrain.", StringComparison.Ordinal)
            || k.StartsWith("IPersonaCatalogGrain.", StringComparison.Ordinal) || k.StartsWith("IKnowledgeBaseGrain.", StringComparison.Ordinal));
        var meterCalls = calls.Where(c => c.Key.StartsWith("ICreditMeterGrain.", StringComparison.Ordinal)).Sum(c => c.Value) / turns;
        Assert.True(meterCalls <= 2, $"{meterCalls} credit meter calls per turn");
        // The meter's hold and settle, the feed's batched publish (fewer than one per turn) and the tenant's rare reads.
        Assert.True(callsBesideTheTurn - tenantReads / turns < 3, $"{callsBesideTheTurn} grain calls per turn beside the turn itself");
        Assert.Equal(0, sql.OutboxInserts); // no endpoint subscribes: no event built, no outbox statement sent
        Assert.True(allocated / turns <= AllocatedBytesPerTurnBudget, $"{allocated / turns / 1024:F1} KB allocated per turn");
    }

    [Fact]
    public async Task A_turn_carrying_the_tenant_its_route_read_asks_the_tenant_grain_nothing()
    {
        var tenant = new TenantId($"read-{Guid.NewGuid():N}"[..20]);
        var tenantGrain = fixture.Grains.GetGrain<ITenantGrain>(tenant);
        Assert.True(await tenantGrain.CreateAsync(new TenantCreation("Read Co", Plans.Starter, PublicChat: false)));
        var conversation = fixture.Grains.GetConversation(tenant, new ConversationId("read-once"));
        await SendAsync(conversation);
        await SendAsync(conversation);
        var read = await tenantGrain.GetTurnConfigAsync();
        fixture.Counter.Reset();

        await SendAsync(conversation, read);
        await SendAsync(conversation, read);

        Assert.DoesNotContain(fixture.Counter.Snapshot().Keys, k => k.StartsWith("ITenantGrain.", StringComparison.Ordinal));
    }

    private static async Task SendAsync(IConversationGrain conversation, TenantTurnConfig? read = null)
    {
        var reply = await conversation.SendAsync(new ChatTurn(ChatChannel.Widget, "How long does shipping take?", null, null, TestVisitor.Access, Tenant: read));
        Assert.True(reply.IsSuccess, reply.Failure?.Detail);
    }

    /// <summary>Npgsql's command spans for one database (tests run side by side in this process, each on its own database).</summary>
    private sealed class SqlCommandCounter : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly ConcurrentDictionary<string, int> _byStatement = new(StringComparer.Ordinal);
        private int _count;
        private int _outboxInserts;

        public SqlCommandCounter(string database)
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "Npgsql",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    var db = activity.GetTagItem("db.namespace") ?? activity.GetTagItem("db.name");
                    if (db as string == database)
                    {
                        Interlocked.Increment(ref _count);
                        var text = (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement")) as string ?? activity.DisplayName;
                        if (text.Contains("INSERT INTO bob_webhook_events", StringComparison.Ordinal))
                        {
                            Interlocked.Increment(ref _outboxInserts);
                        }
                        _byStatement.AddOrUpdate(text.Length > 40 ? text[..40] : text, 1, (_, n) => n + 1);
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public int Count => Volatile.Read(ref _count);

        /// <summary>Commands (a batch's span carries all its statements' text) that sent an outbox insert.</summary>
        public int OutboxInserts => Volatile.Read(ref _outboxInserts);

        public IReadOnlyDictionary<string, int> ByStatement() => _byStatement;

        public void Dispose() => _listener.Dispose();
    }
}

/// <summary>Runs alone, after the parallel tests: the allocation count is the whole process's, so it must be this test's own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TurnCostCollection
{
    public const string Name = "turn cost, alone";
}
