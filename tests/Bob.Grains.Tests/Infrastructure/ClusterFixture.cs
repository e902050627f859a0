using Bob.Grains.Webhooks;
using Bob.Silo;
using Bob.Testing;
using Bob.Testing.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace Bob.Grains.Tests.Infrastructure;

/// <summary>A real silo cluster (TestingHost) over a fresh PostgreSQL database with the project's schema.</summary>
public class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    protected virtual short InitialSilos => 1;

    /// <summary>Set to reuse a database (e.g. to restart over a stopped cluster's data) instead of a fresh one.</summary>
    protected virtual string? ExistingDatabase => null;

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>What the silos' webhooks resolve and connect through: loopback only (shared by every test cluster).</summary>
    public static TestNetwork Network => LoopbackNetworkConfigurator.Network;

    /// <summary>Extra silo settings for a derived fixture (e.g. a cheaper password hash, webhook timings).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>The connection string the silos use; a fixture may route them through a fault-injecting proxy.</summary>
    protected virtual string SiloConnectionString(string database) => database;

    /// <summary>More silo configurators for a derived fixture (e.g. a grain call counter).</summary>
    protected virtual void ConfigureBuilder(TestClusterBuilder builder)
    {
    }

    public virtual async Task InitializeAsync()
    {
        ConnectionString = ExistingDatabase ?? await TestDatabase.CreateAsync();
        var builder = new TestClusterBuilder(InitialSilos);
        builder.Options.ClusterId = $"test-{Guid.NewGuid():N}"[..16];
        builder.Options.ServiceId = "bob-test"; // storage rows are keyed by service id: a restart must find them
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Bob"] = SiloConnectionString(ConnectionString),
            ["Bob:Admin:Email"] = "admin@bob.test",
            ["Bob:Admin:Password"] = "admin-password-1",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }
        builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(settings));
        builder.AddSiloBuilderConfigurator<BobSiloConfigurator>();
        builder.AddSiloBuilderConfigurator<LoopbackNetworkConfigurator>();
        ConfigureBuilder(builder);
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Stops every silo of this cluster and starts a new cluster over the same database.</summary>
    public async Task<ClusterFixture> RestartAsync()
    {
        await DisposeAsync();
        var restarted = new OverExistingDatabase(ConnectionString);
        await restarted.InitializeAsync();
        return restarted;
    }

    public virtual async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private sealed class OverExistingDatabase(string connectionString) : ClusterFixture
    {
        protected override string? ExistingDatabase => connectionString;
    }

    private sealed class BobSiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddBobSilo(siloBuilder.Configuration, configureClustering: false);
    }

    private sealed class LoopbackNetworkConfigurator : ISiloConfigurator
    {
        public static readonly TestNetwork Network = new();

        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Services.AddSingleton<IWebhookDnsResolver>(Network);
            siloBuilder.Services.AddSingleton<IWebhookSocketConnector>(Network);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
