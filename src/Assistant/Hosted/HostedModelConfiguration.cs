using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Bob.Assistant.Hosted;

/// <summary>Reads <see cref="HostedModelOptions"/> from configuration (so <c>Bob__Assistant__Hosted__Endpoint</c> etc. work too).</summary>
public static class HostedModelConfiguration
{
    /// <returns>null unless both Endpoint (an absolute URI) and Model are set.</returns>
    public static HostedModelOptions? Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(HostedModelOptions.ConfigurationSection);
        var model = section["Model"];
        if (!Uri.TryCreate(section["Endpoint"], UriKind.Absolute, out var endpoint) || string.IsNullOrWhiteSpace(model))
        {
            return null;
        }

        var defaults = new HostedModelOptions { Endpoint = endpoint, Model = model };
        return new HostedModelOptions
        {
            Endpoint = endpoint,
            Model = model.Trim(),
            ApiKey = string.IsNullOrWhiteSpace(section["ApiKey"]) ? null : section["ApiKey"],
            Timeout = TimeSpan.TryParse(section["Timeout"], CultureInfo.InvariantCulture, out var timeout) && timeout > TimeSpan.Zero
                ? timeout
                : defaults.Timeout,
            MaxRetries = int.TryParse(section["MaxRetries"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var retries) && retries >= 0
                ? retries
                : defaults.MaxRetries,
        };
    }
}
