using Bob.Grains.Abstractions.Identity;
using Bob.Assistant;
using Bob.Grains.Admin;
using Bob.Grains.Audit;
using Bob.Grains.Billing;
using Bob.Grains.Caching;
using Bob.Grains.Conversations;
using Bob.Grains.Governance;
using Bob.Grains.Identity;
using Bob.Grains.Knowledge;
using Bob.Grains.Storage;
using Bob.Grains.Telemetry;
using Bob.Grains.Webhooks;
using Bob.Grains.WidgetKeys;
using Npgsql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

namespace Bob.Grains;

public static class ServiceCollectionExtensions
{
    /// <summary>The services grains depend on (everything but Orleans itself).</summary>
    /// <param name="connectionString">The node's runtime connection string, its timeouts applied by the host.</param>
    public static IServiceCollection AddBobGrainServices(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<AuthOptions>(configuration.GetSection(AuthOptions.Section));
        services.AddSingleton<PasswordHasher>();
        services.AddBobAssistant(configuration);
        services.Configure<ChatLimitOptions>(configuration.GetSection(ChatLimitOptions.Section));
        services.AddValidatedOptions<CreditMeterOptions, CreditMeterOptionsValidator>(configuration, CreditMeterOptions.Section);
        services.AddSingleton(_ => BobDataSource.Create(connectionString));
        services.AddSingleton<TranscriptStore>();
        services.AddSingleton<TenantDirectory>();
        services.AddSingleton<Billing.UsageStore>();
        services.AddSingleton<Insights.InsightsStore>();
        services.AddSingleton<AuditStore>();
        services.AddSingleton<RetentionStore>();
        services.AddSingleton<ConversationVisitors>();
        services.AddSingleton<Feedback.FeedbackStore>();
        services.AddValidatedOptions<TranscriptWriterOptions, TranscriptWriterOptionsValidator>(configuration, TranscriptWriterOptions.Section);
        services.AddSingleton<TranscriptWriter>();
        // Runs with the silo, not the host: it must outlive the grains, which commit their last turns while the silo stops.
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<TranscriptWriter>());
        services.AddValidatedOptions<Personas.PersonaOptions, Personas.PersonaOptionsValidator>(configuration, Personas.PersonaOptions.Section);
        services.AddSingleton<KnowledgeStore>();
        services.AddValidatedOptions<TurnCacheOptions, TurnCacheOptionsValidator>(configuration, TurnCacheOptions.Section);
        services.AddSingleton<KnowledgeIndexCache>();
        services.AddSingleton<TenantTurnCache>();
        services.TryAddSingleton<TenantTurnConfigCopies>();
        services.AddSingleton<TenantFeedPublisher>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<TenantFeedPublisher>());
        services.AddSingleton<ITurnSources, CachedTurnSources>();
        services.AddValidatedOptions<ConversationCapOptions, ConversationCapOptionsValidator>(configuration, ConversationCapOptions.Section);
        services.AddSingleton<ConversationCaps>();
        services.AddSingleton<TurnAdmission>();
        services.AddBobWebhooks(configuration);
        services.AddMetrics();
        services.AddSingleton<GrainMetrics>();
        return services;
    }

    /// <summary>Settings bound from <paramref name="section"/> and checked by <typeparamref name="TValidator"/> at start, so a bad
    /// value stops the silo with a message naming the setting instead of failing the first call that reads it.</summary>
    private static void AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
    }

    /// <summary>Webhooks: the outbox relay of this silo, the guarded HTTP client, secrets and the rules (docs/WEBHOOKS.md).
    /// Tests replace <see cref="IWebhookDnsResolver"/> and <see cref="IWebhookSocketConnector"/> so nothing leaves loopback.</summary>
    private static IServiceCollection AddBobWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.Section));
        services.TryAddSingleton<IWebhookDnsResolver, SystemDnsResolver>();
        services.TryAddSingleton<IWebhookSocketConnector, TcpSocketConnector>();
        services.AddSingleton<WebhookAddressGuard>();
        services.AddWebhookHttpClient();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookEndpointRules>();
        services.AddSingleton<SecretProtector>();
        services.AddSingleton<WebhookEndpointSecrets>();
        services.AddSingleton<DeliveryHealth>();
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<WebhookEndpointStore>();
        services.AddSingleton<WebhookDeliveryLog>();
        services.AddSingleton<WebhookDeliveryRound>();
        services.AddSingleton<WebhookOutboxSignal>();
        services.AddSingleton<GrainOutbox>();
        services.AddHostedService<WebhookRelay>();
        return services;
    }
}
