using Bob.Grains.Assistant;
using Bob.Grains.Identity;
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
        return services;
    }
}
