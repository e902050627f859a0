using Bob.Grains.Abstractions.Audit;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.Webhooks;
using Bob.Grains.Audit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bob.Grains.Webhooks;

/// <summary>
/// One endpoint: its settings (a row of <c>bob_webhook_endpoints</c>, loaded at activation), its delivery log, and the
/// sending of its deliveries — when (<see cref="DeliveryPump"/>), what one round sends (<see cref="WebhookDeliveryRound"/>),
/// and signed with which secrets (<see cref="WebhookEndpointSecrets"/>). What stays here is what changes the endpoint.
/// </summary>
public sealed class WebhookEndpointGrain(
    WebhookStore outbox,
    WebhookEndpointStore endpoints,
    WebhookDeliveryLog deliveries,
    WebhookDeliveryRound round,
    WebhookEndpointRules rules,
    WebhookEndpointSecrets secrets,
    DeliveryHealth health,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookEndpointGrain> logger) : Grain, IWebhookEndpointGrain, IRemindable
{
    private WebhookEndpointRecord? _endpoint;
    private DeliveryPump? _pump;

    private TenantId Tenant => GrainKeys.Parse(this.GetPrimaryKeyString()).Tenant;

    private string Id => GrainKeys.Parse(this.GetPrimaryKeyString()).LocalId;

    private DeliveryPump Pump => _pump ??= new(this, SendRoundAsync, NextDueAsync, options.Value.ReminderPeriod, time, logger);

    public override async Task OnActivateAsync(CancellationToken cancellationToken) => _endpoint = await endpoints.LoadEndpointAsync(Tenant, Id);

    public async Task<Result<WebhookEndpointView>> CreateAsync(string url, IReadOnlyList<string> events, string description)
    {
        if (_endpoint is not null)
        {
            return new Failure(FailureCodes.Conflict, "This endpoint already exists.");
        }
        var now = time.GetUtcNow();
        var (created, secret) = secrets.Issue(new WebhookEndpointRecord(Tenant, Id, url, description, events, true, null, null, null, [], null, null, now, now));
        if (!await endpoints.SaveEndpointAsync(created))
        {
            return WebhookCatalogGrain.Duplicate();
        }
        _endpoint = created;
        await SubscriptionsChangedAsync();
        await AuditAsync(AuditActions.WebhookCreated, null, created.View(now));
        return created.View(now, secret);
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
        await Pump.StopReminderAsync();
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
        var (rotated, secret) = secrets.Rotate(current, now);
        await endpoints.SaveEndpointAsync(rotated);
        _endpoint = rotated;
        await AuditAsync(AuditActions.WebhookSecretRotated, current.View(now), rotated.View(now));
        return rotated.View(now, secret);
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
        await Pump.WakeAsync();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Pump.RemindedAsync();

    private async Task<DateTimeOffset?> NextDueAsync() => _endpoint is { Enabled: true } ? await deliveries.NextDueAsync(Tenant, Id) : null;

    /// <returns>True when it sent something (there may be more).</returns>
    private async Task<bool> SendRoundAsync()
    {
        if (_endpoint is not { Enabled: true } endpoint || await round.SendAsync(endpoint) is not { } sent)
        {
            return false;
        }
        await UpdateHealthAsync(endpoint, sent.Results, sent.AttemptedAt);
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

    /// <summary>Records a change in the tenant's audit log; the views carry no secret and <see cref="AuditSummaries.Webhook"/> drops the URL's query.</summary>
    private Task AuditAsync(string action, WebhookEndpointView? before, WebhookEndpointView? after, AuditActor? actor = null) =>
        GrainFactory.AuditAsync(Tenant, action, new AuditTarget(AuditTargetTypes.Webhook, Id),
            before is null ? null : AuditSummaries.Webhook(before), after is null ? null : AuditSummaries.Webhook(after), actor);

    private static Failure NotFound() => Failure.NotFound("Webhook endpoint");

    private static Failure Disabled() =>
        new(FailureCodes.WebhookDisabled, "This endpoint is disabled; enable it (PATCH {\"enabled\": true}) first.");
}
