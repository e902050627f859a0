using Bob.Grains.Abstractions.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bob.Silo;

/// <summary>
/// At silo start: makes sure the platform tenant and its first admin exist (<c>Bob:Admin:Email</c>,
/// <c>Bob:Admin:Password</c>). Without a password a one-time one is generated and printed once, by the
/// one silo whose call created the admin, to the terminal (<see cref="OperatorConsole"/>) and never to the logs.
/// </summary>
public static class PlatformBootstrap
{
    public const string DefaultAdminEmail = "admin@bob.local";

    public static ISiloBuilder AddPlatformBootstrap(this ISiloBuilder silo) =>
        silo.AddStartupTask(async (services, _) =>
        {
            var configuration = services.GetRequiredService<IConfiguration>();
            var email = configuration["Bob:Admin:Email"] is { Length: > 0 } configured ? configured : DefaultAdminEmail;
            var password = configuration["Bob:Admin:Password"] is { Length: > 0 } given ? given : null;
            var generated = await services.GetRequiredService<IGrainFactory>().GetGrain<IAccountsGrain>(0).BootstrapPlatformAsync(email, password);
            if (generated is not null)
            {
                services.GetRequiredService<ILoggerFactory>().CreateLogger("Bob.Bootstrap")
                    .LogWarning("Platform admin created: {Email}. Its one-time password was printed to this process's terminal (standard error), once.", email);
                services.GetRequiredService<OperatorConsole>().Write($"""

                    ==== Bob platform admin ====
                      email:    {email}
                      password: {generated}   (one-time: it is not stored in clear and will not be shown again)
                    ============================

                    """);
            }
        });
}
