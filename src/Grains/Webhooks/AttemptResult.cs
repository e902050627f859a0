namespace Bob.Grains.Webhooks;

/// <summary>What one attempt came to: the receiver's status (none when no answer came), how long it took, why it failed,
/// and the receiver's <c>Retry-After</c> when it sent one.</summary>
public sealed record AttemptResult(int? StatusCode, TimeSpan Latency, string? Error, TimeSpan? RetryAfter = null)
{
    public const string Timeout = "timeout";
    public const string ConnectionFailed = "connection_failed";
    public const string AddressNotAllowed = "address_not_allowed";
    public const string RedirectNotFollowed = "redirect_not_followed";
    public const string HttpError = "http_error";
    public const string EndpointDisabled = "endpoint_disabled";

    public bool Delivered => StatusCode is >= 200 and < 300;

    public bool Gone => StatusCode == 410;
}
