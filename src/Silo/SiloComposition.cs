using Bob.Grains;
using Bob.Hosting.Configuration;
using Bob.Hosting.Management;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Bob.Grains.Conversations;
using Bob.Silo.Memory;
using Bob.Silo.Storage;
using Orleans.Storage;

namespace Bob.Silo;

/// <summary>
/// Everything a Bob silo needs, in one place, so the standalone silo, a web node co-hosting a silo
/// and the test clusters all run the same configuration.
/// </summary>
public static class SiloComposition
{
    public const string StorageName = "bob";
    public const string Invariant = "Npgsql";

    public static ISiloBuilder AddBobSilo(this ISiloBuilder silo, IConfiguration configuration, bool configureClustering = true)
    {
        // Bounded waits on PostgreSQL (Bob:Database), checked here so a bad setting stops the node at start.
        var connectionString = DatabaseTimeouts.ConnectionString(configuration);
        if (configureClustering)
        {
            silo.Services.AddBobSiloOptions();
            silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = Invariant;
                    o.ConnectionString = connectionString;
                })
                .Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = BobConfiguration.ClusterId(configuration);
                    o.ServiceId = BobConfiguration.ServiceId(configuration);
                });
        }

        silo.AddAdoNetGrainStorage(StorageName, o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
            })
            .UseAdoNetReminderService(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
            })
            .Configure<ClusterMembershipOptions>(TuneFailureDetection);
        // A webhook endpoint's reminder may tick faster than Orleans' one-minute floor where configured (tests do).
        silo.Services.AddOptions<ReminderOptions>().Configure(o =>
        {
            if (configuration.GetValue<TimeSpan?>("Bob:Webhooks:ReminderPeriod") is { } period && period < o.MinimumReminderPeriod)
            {
                o.MinimumReminderPeriod = period;
            }
        });

        // Database failures leave grain storage and grain calls as serializable Bob failures (503/400), not driver exceptions.
        silo.Services.AddKeyedSingleton<IGrainStorage>(StorageName, (services, key) => new FailureTranslatingGrainStorage(AdoNetGrainStorageFactory.Create(services, (string)key!)));
        silo.AddIncomingGrainCallFilter<StorageFailureCallFilter>();

        // Orleans' own serializer for stored state: the same [Id]-tolerant contracts as on the wire,
        // instead of the provider's default Newtonsoft JSON with $type names.
        silo.Services.AddOptions<AdoNetGrainStorageOptions>(StorageName)
            .Configure<IServiceProvider>((o, services) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(services.GetRequiredService<Orleans.Serialization.Serializer>()));

        silo.Services.AddBobGrainServices(configuration, connectionString);
        // An idle conversation's activation goes after Bob:Conversations:IdleAfter instead of Orleans' 15 minutes, and an
        // idle silo gives the memory back (docs/performance.md).
        var conversations = configuration.GetSection(ConversationOptions.Section).Get<ConversationOptions>() ?? new ConversationOptions();
        silo.Services.Configure<GrainCollectionOptions>(o => o.ClassSpecificCollectionAge[typeof(ConversationGrain).FullName!] = conversations.IdleAfter);
        silo.Services.Configure<IdleMemoryOptions>(configuration.GetSection(IdleMemoryOptions.Section));
        silo.Services.AddHostedService<IdleMemoryTrim>();
        silo.Services.TryAddSingleton<OperatorConsole>();
        silo.AddPlatformBootstrap();
        silo.AddTenantDirectoryBackfill();
        silo.AddActivityPropagation()
            .AddIncomingGrainCallFilter<RequestLogScopeFilter>()
            .AddBobDashboard(configuration);
        if (configuration.GetValue("Bob:Hosting:Kubernetes", false))
        {
            // Pod lifecycle ↔ membership: a silo declared dead has its pod deleted, and identity comes from the pod (POD_* variables).
            silo.UseKubernetesHosting();
        }
        return silo;
    }

    /// <summary>
    /// Declares a silo that stopped answering dead in a few seconds rather than the default ~15 s,
    /// so calls routed to it fail over quickly. Loopback and LAN deployments tolerate the tighter probe.
    /// </summary>
    private static void TuneFailureDetection(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(2);
        options.NumMissedProbesLimit = 2;
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
        options.TableRefreshTimeout = TimeSpan.FromSeconds(10);
    }
}
