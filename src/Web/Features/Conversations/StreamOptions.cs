using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bob.Web.Features.Conversations;

/// <summary>Settings under <c>Bob:Streams</c> for long-lived reads (the Mission Control feed, the widget's event stream).</summary>
public sealed class StreamOptions
{
    public const string Section = "Bob:Streams";

    /// <summary>How often an open stream asks again whether its credential still allows it. Access must end within 2 s
    /// of the change, so at most 1 s; each check is one grain call (two for a widget stream) per open stream.</summary>
    public TimeSpan RecheckEvery { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Open streams one credential may hold on a web node: a login token, or one visitor's conversation.</summary>
    public int PerCredential { get; set; } = 8;

    /// <summary>Open streams one client address (IPv4, or the IPv6 /64 once grouped) may hold on a web node.</summary>
    public int PerAddress { get; set; } = 32;
}

public sealed class StreamOptionsValidator : IValidateOptions<StreamOptions>
{
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Shortest = TimeSpan.FromMilliseconds(50);

    public ValidateOptionsResult Validate(string? name, StreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.RecheckEvery < Shortest || options.RecheckEvery > Longest)
        {
            failures.Add($"{StreamOptions.Section}:RecheckEvery must be between {Shortest:c} and {Longest:c} (got {options.RecheckEvery:c}): access must end within 2 s of a logout or revocation.");
        }
        if (options.PerCredential is < 1 or > 1000)
        {
            failures.Add($"{StreamOptions.Section}:PerCredential must be 1..1000 (got {options.PerCredential}).");
        }
        if (options.PerAddress is < 1 or > 100_000)
        {
            failures.Add($"{StreamOptions.Section}:PerAddress must be 1..100000 (got {options.PerAddress}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

public static class StreamServices
{
    /// <summary>The stream settings, checked at start (a bad value stops the web node with a message naming it), and the
    /// node's count of open streams.</summary>
    public static IServiceCollection AddBobStreams(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StreamOptions>().Bind(configuration.GetSection(StreamOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StreamOptions>, StreamOptionsValidator>());
        services.AddSingleton<OpenStreams>();
        return services;
    }
}
