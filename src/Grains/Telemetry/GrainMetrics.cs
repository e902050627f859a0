using System.Diagnostics.Metrics;
using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Telemetry;

/// <summary>
/// Bob's instruments recorded inside the silo. Labels are low-cardinality on purpose: never a tenant id,
/// session id or user id (one time series per tenant would not scale and would leak who the customers are).
/// </summary>
public sealed class GrainMetrics
{
    public const string LoginSucceeded = "succeeded";
    public const string LoginWrongPassword = "wrong_password";
    public const string LoginUnknownAccount = "unknown_account";
    public const string LoginThrottled = "throttled";

    private readonly Counter<long> _creditsCharged;
    private readonly Counter<long> _logins;
    private readonly Counter<long> _webhookDeliveries;
    private readonly Histogram<double> _webhookDeliveryDuration;
    private readonly Counter<long> _guardrails;
    private readonly Counter<long> _retentionDeleted;
    private readonly Counter<long> _turns;

    public GrainMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(TelemetryNames.Meter);
        _creditsCharged = meter.CreateCounter<long>("bob.credits.charged", "{credit}", "AI credits charged to tenants for assistant answers.");
        _logins = meter.CreateCounter<long>("bob.auth.logins", "{attempt}",
            "Password logins by outcome (succeeded, wrong_password, unknown_account, throttled); failures for unknown emails appear only here, in no tenant's audit log.");
        _webhookDeliveries = meter.CreateCounter<long>("bob.webhooks.deliveries", "{delivery}", "Webhook delivery attempts by outcome.");
        _webhookDeliveryDuration = meter.CreateHistogram<double>("bob.webhooks.delivery.duration", "s", "Time to deliver one webhook attempt.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Durations.Seconds });
        _guardrails = meter.CreateCounter<long>("bob.guardrails.triggered", "{turn}",
            "Visitor turns a tenant's governance acted on, by guardrail (blocked_topic: refused without a model; handoff_keyword: handed to a human).");
        _turns = meter.CreateCounter<long>("bob.conversation.turns", "{turn}",
            "Visitor turns this silo's conversations took in, whatever their outcome (how turns split over the silos of a cluster).");
        _retentionDeleted = meter.CreateCounter<long>("bob.retention.deleted", "{row}", "Transcript rows deleted by retention, by kind (conversation, message).");
    }

    public const string BlockedTopic = "blocked_topic";
    public const string HandoffKeyword = "handoff_keyword";

    public void TurnTaken() => _turns.Add(1);

    public void GuardrailTriggered(string guardrail) => _guardrails.Add(1, new KeyValuePair<string, object?>("guardrail", guardrail));

    public void RetentionDeleted(int conversations, int messages)
    {
        if (conversations > 0)
        {
            _retentionDeleted.Add(conversations, new KeyValuePair<string, object?>("kind", "conversation"));
        }
        if (messages > 0)
        {
            _retentionDeleted.Add(messages, new KeyValuePair<string, object?>("kind", "message"));
        }
    }

    public void CreditsCharged(int credits)
    {
        if (credits > 0)
        {
            _creditsCharged.Add(credits);
        }
    }

    public void Login(string outcome) => _logins.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>One webhook delivery attempt: <paramref name="outcome"/> is <c>delivered</c>, <c>failed</c> (to be retried) or <c>gave_up</c>.</summary>
    public void WebhookDelivery(string outcome, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        _webhookDeliveries.Add(1, tag);
        _webhookDeliveryDuration.Record(duration.TotalSeconds, tag);
    }
}
