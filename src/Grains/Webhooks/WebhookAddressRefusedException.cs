namespace Bob.Grains.Webhooks;

/// <summary>A webhook's host resolved to an address the policy refuses (or to none); nothing was sent.</summary>
public sealed class WebhookAddressRefusedException : Exception
{
    public WebhookAddressRefusedException()
    {
    }

    public WebhookAddressRefusedException(string message) : base(message)
    {
    }

    public WebhookAddressRefusedException(string message, Exception inner) : base(message, inner)
    {
    }
}
