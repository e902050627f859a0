using Bob.Silo;
using Bob.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace Bob.Grains.Tests.Hosting;

/// <summary>The release's one-shot <c>Bob.Silo migrate</c> owns the schema; nodes started with migration off wait for it.</summary>
public sealed class SchemaReleaseTests
{
    [Fact]
    public async Task Migrate_command_applies_every_migration_then_finds_nothing_left_to_do()
    {
        var database = await TestDatabase.CreateEmptyAsync();
        Assert.NotEmpty(await SchemaMigrator.PendingAsync(database));

        Assert.Equal(0, await SiloProgram.Main(["migrate", $"--ConnectionStrings:Bob={database}"]));
        Assert.Empty(await SchemaMigrator.PendingAsync(database));
        Assert.Equal(0, await SiloProgram.Main(["migrate", $"--ConnectionStrings:Bob={database}"]));
    }

    [Fact]
    public async Task Migrate_command_fails_with_exit_code_1_when_the_database_is_unreachable()
    {
        var port = FreePorts.Next();

        Assert.Equal(1, await SiloProgram.Main(["migrate", $"--ConnectionStrings:Bob=Host=127.0.0.1;Port={port};Username=bob;Database=none;Timeout=2"]));
    }

    [Fact]
    public async Task A_node_that_does_not_migrate_refuses_to_start_on_an_old_schema_and_says_what_to_run()
    {
        var database = await TestDatabase.CreateEmptyAsync();
        var configuration = Settings(database, migrateAtStart: false, wait: "00:00:00");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => SchemaAtStart.PrepareAsync(configuration));

        Assert.Contains("Bob.Silo migrate", refused.Message, StringComparison.Ordinal);
        Assert.Contains("0001_orleans_clustering", refused.Message, StringComparison.Ordinal);
        Assert.NotEmpty(await SchemaMigrator.PendingAsync(database));
    }

    [Fact]
    public async Task A_node_that_does_not_migrate_starts_once_the_migrate_job_has_run()
    {
        var database = await TestDatabase.CreateEmptyAsync();
        var time = new FakeTimeProvider();
        var waiting = SchemaAtStart.PrepareAsync(Settings(database, migrateAtStart: false, wait: "00:01:00"), time);
        Assert.False(waiting.IsCompleted);

        await SchemaMigrator.ApplyAsync(database);
        await Eventually.ReturnsAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(2));
            return Task.FromResult(waiting.IsCompleted);
        }, done => done);

        await waiting;
    }

    private static IConfiguration Settings(string database, bool migrateAtStart, string wait) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Bob"] = database,
            [SchemaAtStart.MigrateAtStartKey] = migrateAtStart ? "true" : "false",
            [SchemaAtStart.SchemaWaitKey] = wait,
        }).Build();
}
