using Bob.Assistant.BuiltIn;
using Bob.Assistant.Hosted;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace Bob.Assistant;

public static class AssistantServiceCollectionExtensions
{
    private static readonly TimeSpan MinimumSamplingDuration = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Registers the built-in client, the hosted model when <c>Bob:Assistant:Hosted</c> has Endpoint and Model,
    /// and an <see cref="IAssistantEngineSelector"/> (default from <c>Bob:Assistant:DefaultEngine</c>, "builtin" if unset).
    /// </summary>
    public static IServiceCollection AddBobAssistant(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddLogging();
        services.AddSingleton<BuiltInChatClient>();

        var hosted = HostedModelConfiguration.Read(configuration);
        if (hosted is not null)
        {
            services.AddSingleton(hosted);
            services.AddHttpClient(HostedChatClientFactory.HttpClientName)
                .AddStandardResilienceHandler(resilience => ConfigureResilience(resilience, hosted));
            services.AddSingleton<HostedChatClientFactory>();
        }

        var platformDefault = configuration[AssistantEngineSelector.DefaultEngineConfigurationKey] ?? AssistantEngineNames.BuiltIn;
        services.AddSingleton<IAssistantEngineSelector>(provider =>
        {
            var builtIn = Instrumented(provider.GetRequiredService<BuiltInChatClient>(), provider);
            return new AssistantEngineSelector(new AssistantEngine(builtIn), HostedEngine(provider, hosted, builtIn), platformDefault);
        });
        services.AddSingleton(provider => provider.GetRequiredService<IAssistantEngineSelector>().ForTenant(null));
        return services;
    }

    private static AssistantEngine? HostedEngine(IServiceProvider provider, HostedModelOptions? hosted, IChatClient builtIn)
    {
        if (hosted is null)
        {
            return null;
        }

        var model = Instrumented(provider.GetRequiredService<HostedChatClientFactory>().Create(hosted), provider);
        var logger = provider.GetRequiredService<ILogger<FallbackChatClient>>();
        return new AssistantEngine(new FallbackChatClient(model, builtIn, hosted.Timeout, logger));
    }

    /// <summary>
    /// OpenTelemetry gen_ai spans and metrics (model, tokens, duration) for every model call. Sensitive data stays off:
    /// prompts and answers carry visitors' words and never go to telemetry.
    /// </summary>
    private static IChatClient Instrumented(IChatClient client, IServiceProvider provider) =>
        client.AsBuilder()
            .UseOpenTelemetry(provider.GetService<ILoggerFactory>(), configure: telemetry => telemetry.EnableSensitiveData = false)
            .Build(provider);

    // Timeout is the whole budget: one slow attempt may use all of it, fast transient failures are retried within it.
    private static void ConfigureResilience(HttpStandardResilienceOptions resilience, HostedModelOptions hosted)
    {
        resilience.TotalRequestTimeout.Timeout = hosted.Timeout;
        resilience.AttemptTimeout.Timeout = hosted.Timeout;
        var doubleAttempt = hosted.Timeout * 2;
        resilience.CircuitBreaker.SamplingDuration = doubleAttempt > MinimumSamplingDuration ? doubleAttempt : MinimumSamplingDuration;
        if (hosted.MaxRetries > 0)
        {
            resilience.Retry.MaxRetryAttempts = hosted.MaxRetries;
            resilience.Retry.Delay = TimeSpan.FromMilliseconds(250);
            resilience.Retry.BackoffType = DelayBackoffType.Exponential;
        }
        else
        {
            resilience.Retry.ShouldHandle = _ => PredicateResult.False();
        }
    }
}
