namespace Bob.Grains.Abstractions.Webhooks;

/// <summary>Whether an endpoint receives events, and why not when it does not (shown in the portal).</summary>
public static class WebhookEndpointStatus
{
    public const string Active = "active";
    public const string Disabled = "disabled";

    /// <summary>The receiver answered 410 Gone.</summary>
    public const string ReasonGone = "gone";

    /// <summary>Every attempt failed for a day.</summary>
    public const string ReasonFailing = "failing";

    /// <summary>A team member turned it off (<c>PATCH {"enabled": false}</c>).</summary>
    public const string ReasonManual = "manual";
}
