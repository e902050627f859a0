namespace Bob.Assistant.Hosted;

/// <summary>An OpenAI-compatible chat completions endpoint (configuration section <c>Bob:Assistant:Hosted</c>).</summary>
public sealed class HostedModelOptions
{
    public const string ConfigurationSection = "Bob:Assistant:Hosted";

    /// <summary>Base address including the version segment, e.g. <c>https://api.example.com/v1</c>; requests go to <c>{Endpoint}/chat/completions</c>.</summary>
    public required Uri Endpoint { get; init; }

    public string? ApiKey { get; init; }

    public required string Model { get; init; }

    /// <summary>The whole budget for one answer, retries included; after it the built-in client answers.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Retries of transient failures (5xx, 429, network errors) within <see cref="Timeout"/>.</summary>
    public int MaxRetries { get; init; } = 2;
}
