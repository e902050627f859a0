using Bob.Load.Faults;
using Xunit.Abstractions;

namespace Bob.Faults.Tests;

/// <summary>
/// Each fault of deploy/faults.sh, CI-sized, against real processes (2 silos, 2 web nodes) and real PostgreSQL: steady
/// widget chat through both web nodes while the fault happens, then the invariants every fault must keep. Timings
/// (error window, longest wait, recovery) are printed for the record, never asserted: this machine may be busy.
/// </summary>
public sealed class FaultsUnderLoadTests(ProcessClusterFixture cluster, ITestOutputHelper output) : IClassFixture<ProcessClusterFixture>
{
    [Fact]
    public async Task A_killed_silo_loses_no_acknowledged_turn_and_answers_or_charges_nothing_twice()
    {
        var silo = cluster.Silos[1];
        await RunAsync("kill -9 of a silo", silo.KillAsync);
        await cluster.RestartAsync(silo);
    }

    [Fact]
    public async Task A_gracefully_stopped_silo_loses_no_acknowledged_turn()
    {
        var silo = cluster.Silos[1];
        await RunAsync("graceful silo stop", silo.StopAsync);
        await cluster.RestartAsync(silo);
    }

    [Fact]
    public async Task A_database_outage_fails_turns_as_503_and_loses_none_that_were_acknowledged()
    {
        await RunAsync("PostgreSQL outage", async () =>
        {
            // Every connection dropped and new ones refused, as in a restart; lifted once a web node has noticed.
            await using var outage = await DatabaseOutage.BeginAsync(cluster.Database);
            await Eventually.ReturnsAsync(async () => (await cluster.Http.GetAsync(cluster.Webs[0].ReadyUrl)).IsSuccessStatusCode, ready => !ready, TimeSpan.FromSeconds(20));
            await outage.EndAsync();
        });
    }

    [Fact]
    public async Task A_killed_web_node_loses_no_acknowledged_turn()
    {
        var web = cluster.Webs[1];
        await RunAsync("kill -9 of a web node", web.KillAsync);
        await cluster.RestartAsync(web);
    }

    private async Task RunAsync(string label, Func<Task> fault)
    {
        var options = new FaultOptions(cluster.WebUrls, cluster.Database, label, TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(3), Rate: 8, Sessions: 40, Tenants: 2)
        {
            SettleDeadline = TimeSpan.FromSeconds(60),
            // Every 4th turn streamed: a stream caught by the fault must end in a done or error event, never cut or hung.
            StreamEvery = 4,
        };
        using var run = new FaultRun(options);
        var outcome = await run.RunAsync(fault);
        var audit = await TranscriptAudit.RunAsync(outcome, run);
        output.WriteLine(FaultReport.Header);
        output.WriteLine(FaultReport.Row(outcome, audit));

        var violations = FaultReport.Violations(outcome, audit);
        if (violations.Count > 0)
        {
            foreach (var node in cluster.Webs.Concat(cluster.Silos))
            {
                output.WriteLine($"{node.Name} errors:\n{node.Errors()}");
            }
        }
        Assert.Empty(violations);
        Assert.True(audit.Acknowledged > 0, "no turn was acknowledged at all");
        // Recovered without a restart: the surviving nodes answer a new turn (each retried until a deadline, not timed).
        foreach (var url in SurvivingWebUrls())
        {
            var answered = await Eventually.ReturnsAsync(async () => (await run.ProbeAsync(url, outcome.Tenants[0], $"after-{Guid.NewGuid():N}")).Status, status => status == 200, TimeSpan.FromSeconds(60));
            Assert.Equal(200, answered);
        }
    }

    private IEnumerable<Uri> SurvivingWebUrls() => cluster.Webs.Zip(cluster.WebUrls).Where(w => w.First.IsRunning).Select(w => w.Second);
}
