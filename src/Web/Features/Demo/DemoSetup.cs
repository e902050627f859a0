namespace Bob.Web.Features.Demo;

public static class DemoSetup
{
    /// <summary>The demo runs only when <c>Bob:Demo:ShopUrl</c> is set; its owner password is then required.</summary>
    public static IServiceCollection AddBobDemo(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(DemoOptions.Section);
        if (string.IsNullOrWhiteSpace(section["ShopUrl"]))
        {
            return services;
        }
        services.AddOptions<DemoOptions>().Bind(section)
            .Validate(o => Uri.TryCreate(o.ShopUrl, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttp && url.IsLoopback,
                "Bob:Demo:ShopUrl must be an http:// loopback address such as http://127.0.0.1:5090.")
            .Validate(o => o.OwnerPassword is { Length: >= 10 }, "Bob:Demo:OwnerPassword must have at least 10 characters.")
            .ValidateOnStart();
        return services.AddHostedService<DemoShop>();
    }
}
