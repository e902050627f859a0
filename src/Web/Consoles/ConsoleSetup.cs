using Microsoft.AspNetCore.Authorization;

namespace Bob.Web.Consoles;

public static class ConsoleSetup
{
    /// <summary>Razor components rendered on the server only (no circuit, no WebAssembly), their assets, and the page
    /// answers to authorization refusals.</summary>
    public static IServiceCollection AddBobConsoles(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddSingleton<ConsoleAssets>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, PageAuthorizationResultHandler>();
        return services;
    }
}
