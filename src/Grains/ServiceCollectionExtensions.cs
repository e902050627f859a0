using Bob.Assistant;
using Bob.Grains.Admin;
using Bob.Grains.Audit;
using Bob.Grains.Abstractions.Hosting;
using Bob.Grains.Conversations;
using Bob.Grains.Identity;
using Bob.Grains.Knowledge;
using Bob.Grains.Telemetry;
using Bob.Grains.WidgetKeys;
using Npgsql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bob.Grains;

public static class ServiceCollectionExtensions
{
    /// <summary>The services grains depend on (everything but Orleans itself).</summary>
    public static IServiceCollection AddBobGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<AuthOptions>(configuration.GetSection(AuthOptions.Section));
        services.AddSingleton<PasswordHasher>();
        services.AddBobAssistant(configuration);
        services.Configure<ChatLimitOptions>(configuration.GetSection(ChatLimitOptions.Section));
        services.Configure<CreditMeterOptions>(configuration.GetSection(CreditMeterOptions.Section));
        services.AddSingleton(_ => NpgsqlDataSource.Create(BobConfiguration.ConnectionString(configuration)));
        services.AddSingleton<TranscriptStore>();
        services.AddSingleton<TenantDirectory>();
        services.AddSingleton<Billing.UsageStore>();
        services.AddSingleton<AuditStore>();
        services.AddSingleton<TranscriptWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<TranscriptWriter>());
        services.AddSingleton<KnowledgeIndexCache>();
        services.AddSingleton<ITurnSources, GrainTurnSources>();
        services.AddSingleton<TurnAdmission>();
        services.AddMetrics();
        services.AddSingleton<GrainMetrics>();
        return services;
    }
}
