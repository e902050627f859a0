using Bob.Grains.Abstractions.Audit;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.Webhooks;
using Bob.Grains.Audit;
using Bob.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bob.Grains.Webhooks;

/// <summary>
/// One endpoint: its settings (a row of <c>bob_webhook_endpoints</c>, loaded at activation) and the sending of its deliveries.
/// Sending runs in an interleaving grain timer, so a receiver that hangs holds up neither this endpoint's management calls nor
/// anything else. While deliveries are pending a reminder stays registered (registered before the first attempt), so a retry
/// due in hours, or one whose silo died mid-attempt, is sent by whichever silo the grain comes back on.
/// </summary>
public sealed class WebhookEndpointGrain(
    WebhookStore outbox,
    WebhookEndpointStore endpoints,
    WebhookDeliveryLog deliveries,
    WebhookSender sender,
    WebhookEndpointRules rules,
    SecretProtector secrets,
    DeliveryHealth health,
    IOptions<WebhookOptions> options,
    GrainMetrics metrics,
    TimeProvider time,
    ILogger<WebhookEndpointGrain> logger) : Grain, IWebhookEndpointGrain, IRemindable
{
    private const string ReminderName = "webhook-deliveries";

    private WebhookEndpointRecord? _endpoint;
    private IGrainTimer? _timer;
    private bool _pumping;
    private bool _again;
    private bool _reminderRegistered;

    private TenantId Tenant => GrainKeys.Parse(this.GetPrimaryKeyString()).Tenant;

    private string Id => GrainKeys.Parse(this.GetPrimaryKeyString()).LocalId;

    private WebhookOptions Options => options.Value;

    public override async Task OnActivateAsync(CancellationToken cancellationToken) => _endpoint = await endpoints.LoadEndpointAsync(Tenant, Id);

    public async Task<Result<WebhookEndpointView>> CreateAsync(string url, IReadOnlyList<string> events, string description)
    {
        if (_endpoint is not null)
        {
            return new Failure(FailureCodes.Conflict, "This endpoint already exists.");
        }
        var now = time.GetUtcNow();
        var key = WebhookSecrets.NewKey();
        var created = new WebhookEndpointRecord(Tenant, Id, url, description, events, true, null, null, null, [], null, null, now, now);
        created = created with { Secret = secrets.Seal(key, created.SecretBinding) };
        if (!await endpoints.SaveEndpointAsync(created))
        {
            return WebhookCatalogGrain.Duplicate();
        }
        _endpoint = created;
        await SubscriptionsChangedAsync();
        await AuditAsync(AuditActions.WebhookCreated, null, created.View(now));
        return created.View(now, WebhookSecrets.Format(key));
    }

    public Task<WebhookEndpointView?> GetAsync() => Task.FromResult(_endpoint?.View(time.GetUtcNow()));

    public async Task<Result<WebhookEndpointView>> UpdateAsync(WebhookEndpointInput input)
    {
        if (_endpoint is not { } current)
        {
            return NotFound();
        }
        var (invalid, url, events, description) = await rules.CheckAsync(input, creating: false);
        if (invalid is not null)
        {
            return invalid;
        }
        var now = time.GetUtcNow();
        var updated = current with { Url = url ?? current.Url, Events = events ?? current.Events, Description = description ?? current.Description, UpdatedAt = now };
        if (input.Enabled is true && !current.Enabled)
        {
            updated = updated with { Enabled = true, DisabledReason = null, DisabledAt = null, FailingSince = null };
        }
        else if (input.Enabled is false && current.Enabled)
        {
            updated = updated with { Enabled = false, DisabledReason = WebhookEndpointStatus.ReasonManual, DisabledAt = now };
        }
        if (!await endpoints.SaveEndpointAsync(updated))
        {
            return WebhookCatalogGrain.Duplicate();
        }
        _endpoint = updated;
        await SubscriptionsChangedAsync();
        if (!updated.Enabled && current.Enabled)
        {
            await deliveries.FailPendingAsync(Tenant, Id, now);
        }
        await AuditAsync(AuditActions.WebhookUpdated, current.View(now), updated.View(now));
        return updated.View(now);
    }

    public async Task<Outcome> DeleteAsync()
    {
        if (_endpoint is not { } current)
        {
            return NotFound();
        }
        await endpoints.DeleteEndpointAsync(Tenant, Id);
        _endpoint = null;
        await SubscriptionsChangedAsync();
        await GrainFactory.GetGrain<ITenantGrain>(Tenant).ReleaseIntegrationAsync(Id);
        await AuditAsync(AuditActions.WebhookDeleted, current.View(time.GetUtcNow()), null);
        await StopReminderAsync();
        DeactivateOnIdle();
        return Outcome.Success;
    }

    /// <summary>Turns read which events to raise under the tenant's turn config stamp: moved before the change is answered,
    /// so the next turn on every silo raises what this endpoint now wants (and a tenant left without endpoints, nothing).</summary>
    private Task SubscriptionsChangedAsync() => GrainFactory.GetGrain<ITenantGrain>(Tenant).TurnConfigChangedAsync();

    public async Task<Result<WebhookEndpointView>> RotateSecretAsync()
    {
        if (_endpoint is not { } current)
        {
            return NotFound();
        }
        var now = time.GetUtcNow();
        var key = WebhookSecrets.NewKey();
        var rotated = current with
        {
            Secret = secrets.Seal(key, current.SecretBinding),
            PreviousSecret = current.Secret,
            PreviousSecretExpiresAt = now + Options.SecretOverlap,
            UpdatedAt = now,
        };
        await endpoints.SaveEndpointAsync(rotated);
        _endpoint = rotated;
        await AuditAsync(AuditActions.WebhookSecretRotated, current.View(now), rotated.View(now));
        return rotated.View(now, WebhookSecrets.Format(key));
    }

    public async Task<Result<WebhookTestQueued>> SendTestAsync()
    {
        if (_endpoint is not { } current)
        {
            return NotFound();
        }
        if (!current.Enabled)
        {
            return Disabled();
        }
        var ping = WebhookPayloads.Test(Tenant, Id, time.GetUtcNow());
        var deliveryId = await outbox.QueueForEndpointAsync(ping, Id);
        await WakeAsync();
        return new WebhookTestQueued(deliveryId, ping.EventId);
    }

    public async Task<Result<WebhookDeliveryPage>> ListDeliveriesAsync(string? cursor, int limit)
    {
        if (_endpoint is null)
        {
            return NotFound();
        }
        long? before = null;
        if (cursor is not null)
        {
            if (!DeliveryCursor.TryParse(cursor, out var seq))
            {
                return Failure.Validation("cursor", "cursor must be a value from an earlier page's nextCursor.");
            }
            before = seq;
        }
        var page = await deliveries.ListDeliveriesAsync(Tenant, Id, before, limit);
        return new WebhookDeliveryPage([.. page.Select(p => p.View)], page.Count == limit ? DeliveryCursor.Format(page[^1].Seq) : null);
    }

    public async Task<Result<WebhookDeliveryView>> RedeliverAsync(string deliveryId)
    {
        if (_endpoint is not { } current)
        {
            return NotFound();
        }
        if (await deliveries.FindDeliveryAsync(Tenant, Id, deliveryId) is not { } found)
        {
            return Failure.NotFound("Delivery");
        }
        if (!current.Enabled)
        {
            return Disabled();
        }
        var now = time.GetUtcNow();
        await deliveries.ResendAsync(found.Seq, now);
        await WakeAsync();
        return found.View with { Status = WebhookDeliveryStatus.Pending, NextRetryAt = now };
    }

    public async Task WakeAsync()
    {
        if (_endpoint is not { Enabled: true })
        {
            return;
        }
        await StartReminderAsync();
        Schedule(TimeSpan.Zero);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _reminderRegistered = true;
        if (_endpoint is not { Enabled: true } || await deliveries.NextDueAsync(Tenant, Id) is not { } next)
        {
            if (!_pumping)
            {
                await StopReminderAsync();
            }
            return;
        }
        Schedule(next - time.GetUtcNow());
    }

    private void Schedule(TimeSpan due)
    {
        if (due < TimeSpan.Zero)
        {
            due = TimeSpan.Zero;
        }
        if (_pumping && due == TimeSpan.Zero)
        {
            _again = true;
            return;
        }
        // A one-shot timer is spent once it fired, so each wait gets a timer of its own.
        _timer?.Dispose();
        _timer = this.RegisterGrainTimer(PumpAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });
    }

    /// <summary>Sends every due delivery, a window of <see cref="WebhookOptions.MaxInFlightPerEndpoint"/> at a time, then sets the timer for the next one.</summary>
    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        if (_pumping)
        {
            _again = true;
            return;
        }
        _pumping = true;
        try
        {
            do
            {
                _again = false;
                while (_endpoint is { Enabled: true } endpoint && await SendRoundAsync(endpoint))
                {
                }
            }
            while (_again);
            if (_endpoint is { Enabled: true } && await deliveries.NextDueAsync(Tenant, Id) is { } next)
            {
                _pumping = false;
                Schedule(next - time.GetUtcNow());
            }
        }
        catch (Exception failure)
        {
            logger.LogWarning(failure, "Webhook deliveries of {Endpoint} failed to run; trying again shortly.", this.GetPrimaryKeyString());
            _pumping = false;
            Schedule(TimeSpan.FromSeconds(5));
        }
        finally
        {
            _pumping = false;
        }
    }

    /// <returns>True when it sent something (there may be more).</returns>
    private async Task<bool> SendRoundAsync(WebhookEndpointRecord endpoint)
    {
        var now = time.GetUtcNow();
        var due = await deliveries.ClaimDueAsync(Tenant, Id, now, now + Options.Lease, Options.MaxInFlightPerEndpoint);
        if (due.Count == 0)
        {
            return false;
        }
        var keys = SigningKeys(endpoint, now);
        var url = new Uri(endpoint.Url);
        var results = await Task.WhenAll(due.Select(d => sender.SendAsync(url, d.EventId, d.Payload, keys, CancellationToken.None)));
        var attemptedAt = time.GetUtcNow();
        var recorded = new List<RecordedAttempt>(due.Count);
        for (var i = 0; i < due.Count; i++)
        {
            var decision = health.Schedule.Decide(results[i], due[i].RoundAttempts + 1, attemptedAt);
            recorded.Add(decision switch
            {
                DeliveryDecision.Delivered => new RecordedAttempt(due[i].Seq, WebhookDeliveryStatus.Delivered, null, results[i], attemptedAt),
                DeliveryDecision.Retry retry => new RecordedAttempt(due[i].Seq, WebhookDeliveryStatus.Pending, retry.At, results[i], attemptedAt),
                _ => new RecordedAttempt(due[i].Seq, WebhookDeliveryStatus.Failed, null, results[i], attemptedAt),
            });
            metrics.WebhookDelivery(decision switch
            {
                DeliveryDecision.Delivered => "delivered",
                DeliveryDecision.Retry => "failed",
                _ => "gave_up",
            }, results[i].Latency);
        }
        await deliveries.RecordAsync(recorded);
        await UpdateHealthAsync(endpoint, results, attemptedAt);
        return true;
    }

    private async Task UpdateHealthAsync(WebhookEndpointRecord endpoint, AttemptResult[] results, DateTimeOffset now)
    {
        var (failingSince, disableReason) = health.After(endpoint.FailingSince, results, now);
        if (disableReason is not null)
        {
            _endpoint = endpoint with { Enabled = false, DisabledReason = disableReason, DisabledAt = now, FailingSince = failingSince, UpdatedAt = now };
            await endpoints.SaveEndpointAsync(_endpoint);
            await deliveries.FailPendingAsync(Tenant, Id, now);
            logger.LogWarning("Webhook endpoint {Endpoint} disabled: {Reason}.", this.GetPrimaryKeyString(), disableReason);
            await AuditAsync(AuditActions.WebhookDisabled, endpoint.View(now), _endpoint.View(now), AuditActor.System);
        }
        else if (failingSince != endpoint.FailingSince)
        {
            _endpoint = endpoint with { FailingSince = failingSince };
            await endpoints.SaveEndpointAsync(_endpoint);
        }
    }

    /// <summary>The current secret, and the rotated-out one while its overlap lasts.</summary>
    private List<byte[]> SigningKeys(WebhookEndpointRecord endpoint, DateTimeOffset now)
    {
        var keys = new List<byte[]> { secrets.Open(endpoint.Secret, endpoint.SecretBinding) };
        if (endpoint.PreviousSecret is { } previous && endpoint.PreviousSecretExpiresAt > now)
        {
            keys.Add(secrets.Open(previous, endpoint.SecretBinding));
        }
        return keys;
    }

    private async Task StartReminderAsync()
    {
        if (!_reminderRegistered)
        {
            await this.RegisterOrUpdateReminder(ReminderName, Options.ReminderPeriod, Options.ReminderPeriod);
            _reminderRegistered = true;
        }
    }

    private async Task StopReminderAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
        _reminderRegistered = false;
    }

    /// <summary>Records a change in the tenant's audit log; the views carry no secret and <see cref="AuditSummaries.Webhook"/> drops the URL's query.</summary>
    private Task AuditAsync(string action, WebhookEndpointView? before, WebhookEndpointView? after, AuditActor? actor = null) =>
        GrainFactory.AuditAsync(Tenant, action, new AuditTarget(AuditTargetTypes.Webhook, Id),
            before is null ? null : AuditSummaries.Webhook(before), after is null ? null : AuditSummaries.Webhook(after), actor);

    private static Failure NotFound() => Failure.NotFound("Webhook endpoint");

    private static Failure Disabled() =>
        new(FailureCodes.WebhookDisabled, "This endpoint is disabled; enable it (PATCH {\"enabled\": true}) first.");
}
