namespace Bob.Grains.Webhooks;

/// <summary>
/// The retry schedule (<see cref="WebhookOptions.Delays"/>) with ± 20 % jitter, so deliveries that failed together do not
/// come back together; a 429 or 503 with <c>Retry-After</c> is not retried before it (up to <see cref="WebhookOptions.MaxRetryAfter"/>).
/// </summary>
public sealed class RetrySchedule(WebhookOptions options, Func<double>? random = null)
{
    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;

    /// <param name="attemptsInRound">Attempts made in this round, this one included (a redelivery starts a new round).</param>
    public DeliveryDecision Decide(AttemptResult result, int attemptsInRound, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Delivered)
        {
            return new DeliveryDecision.Delivered();
        }
        if (result.Gone)
        {
            return new DeliveryDecision.GiveUp(DisablesEndpoint: true);
        }
        if (attemptsInRound > options.Delays.Count || attemptsInRound < 1)
        {
            return new DeliveryDecision.GiveUp(DisablesEndpoint: false);
        }
        var wait = Jittered(options.Delays[attemptsInRound - 1]);
        if (result.StatusCode is 429 or 503 && result.RetryAfter is { } retryAfter)
        {
            var asked = retryAfter < options.MaxRetryAfter ? retryAfter : options.MaxRetryAfter;
            wait = asked > wait ? asked : wait;
        }
        return new DeliveryDecision.Retry(now + wait);
    }

    private TimeSpan Jittered(TimeSpan delay) => delay * (0.8 + (0.4 * _random()));
}
