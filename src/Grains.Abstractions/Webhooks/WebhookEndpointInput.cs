namespace Bob.Grains.Abstractions.Webhooks;

/// <summary>A new endpoint, or the fields of a PATCH (null leaves one as it is; <see cref="Enabled"/> only on PATCH).</summary>
[GenerateSerializer, Immutable, Alias("bob.WebhookEndpointInput")]
public sealed record WebhookEndpointInput(
    [property: Id(0)] string? Url,
    [property: Id(1)] IReadOnlyList<string>? Events,
    [property: Id(2)] string? Description,
    [property: Id(3)] bool? Enabled = null);
