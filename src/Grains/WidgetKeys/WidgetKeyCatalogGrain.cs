using Bob.Grains.Abstractions.Audit;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.WidgetKeys;
using Bob.Grains.Webhooks;
using Bob.Grains.Audit;

namespace Bob.Grains.WidgetKeys;

[GenerateSerializer, Alias("bob.WidgetKeyCatalogState")]
public sealed class WidgetKeyCatalogState
{
    [Id(0)] public List<WidgetKeyView> Keys { get; set; } = [];
    /// <summary><c>widget_key.rotated</c> events written with the rotation, until they are in the outbox (<see cref="GrainOutbox"/>).</summary>
    [Id(1)] public List<OutboxEvent> PendingWebhookEvents { get; set; } = [];
    /// <summary>Each key's identity secrets by key id, sealed (<see cref="WidgetIdentitySecrets"/>); bound to every key value it gets.</summary>
    [Id(2)] public Dictionary<string, List<IdentitySecret>> IdentitySecrets { get; set; } = [];
}

public sealed class WidgetKeyCatalogGrain(
    [PersistentState("widgetkeys", "bob")] IPersistentState<WidgetKeyCatalogState> catalog,
    GrainOutbox outbox,
    SecretProtector secrets,
    TimeProvider time) : Grain, IWidgetKeyCatalogGrain, IRemindable
{
    public const int MaxKeys = 20;
    public const int NameMax = 80;

    private TenantId Tenant => new(this.GetPrimaryKeyString());

    public override Task OnActivateAsync(CancellationToken cancellationToken) => FlushWebhookEventsAsync();

    public Task ReceiveReminder(string reminderName, TickStatus status) => FlushWebhookEventsAsync();

    public async Task<Result<WidgetKeyView>> CreateAsync(WidgetKeyInput input)
    {
        if (Validate(input, out var name, out var origins, out var appearance) is { } invalid)
        {
            return invalid;
        }
        if (input.RequireIdentity == true)
        {
            return WidgetIdentitySecrets.NoSecretYet();
        }
        if (catalog.State.Keys.Count >= MaxKeys)
        {
            return new Failure(FailureCodes.Conflict, $"A tenant has at most {MaxKeys} widget keys.");
        }
        var view = new WidgetKeyView(Ids.New(IdPrefixes.WidgetKey), name ?? "Widget key", NewKeyValue(), origins ?? [], time.GetUtcNow(), null, appearance ?? WidgetAppearance.Default);
        await BindAsync(view);
        await IndexOriginsAsync(view.Key, [], view.AllowedOrigins);
        catalog.State.Keys.Add(view);
        await catalog.WriteStateAsync();
        await AuditAsync(AuditActions.WidgetKeyCreated, null, view);
        return view;
    }

    public Task<IReadOnlyList<WidgetKeyView>> ListAsync() => Task.FromResult<IReadOnlyList<WidgetKeyView>>([.. catalog.State.Keys.Select(WithAppearance)]);

    public Task<WidgetKeyView?> GetAsync(string keyId) => Task.FromResult(Find(keyId) is { } key ? WithAppearance(key) : null);

    public async Task<Result<WidgetKeyView>> UpdateAsync(string keyId, WidgetKeyInput input)
    {
        if (Find(keyId) is not { } current)
        {
            return Failure.NotFound("Widget key");
        }
        if (Validate(input, out var name, out var origins, out var appearance) is { } invalid)
        {
            return invalid;
        }
        if (input.RequireIdentity == true && current.IdentitySecretIssuedAt is null)
        {
            return WidgetIdentitySecrets.NoSecretYet();
        }
        var updated = current with
        {
            Name = name ?? current.Name,
            AllowedOrigins = origins ?? current.AllowedOrigins,
            Appearance = appearance ?? current.Appearance,
            RequireIdentity = input.RequireIdentity ?? current.RequireIdentity,
        };
        await BindAsync(updated);
        await IndexOriginsAsync(current.Key, current.AllowedOrigins, updated.AllowedOrigins);
        return await ReplaceAsync(AuditActions.WidgetKeyUpdated, current, updated);
    }

    public async Task<Result<WidgetKeyView>> RotateAsync(string keyId)
    {
        if (Find(keyId) is not { } current)
        {
            return Failure.NotFound("Widget key");
        }
        var rotated = current with { Key = NewKeyValue(), RotatedAt = time.GetUtcNow() };
        await BindAsync(rotated);
        await KeyGrain(current.Key).RevokeAsync();
        await IndexOriginsAsync(current.Key, current.AllowedOrigins, []);
        await IndexOriginsAsync(rotated.Key, [], rotated.AllowedOrigins);
        catalog.State.Keys[catalog.State.Keys.IndexOf(current)] = rotated;
        // The rotation and its widget_key.rotated event in one state write.
        var rotatedEvent = WebhookPayloads.WidgetKeyRotated(Tenant, rotated.Id, rotated.Name, rotated.RotatedAt!.Value);
        await outbox.CommitAsync(this, catalog.State.PendingWebhookEvents, [rotatedEvent], catalog.WriteStateAsync);
        await AuditAsync(AuditActions.WidgetKeyRotated, current, rotated);
        return WithAppearance(rotated);
    }

    public async Task<Outcome> RevokeAsync(string keyId)
    {
        if (Find(keyId) is not { } current)
        {
            return Failure.NotFound("Widget key");
        }
        await KeyGrain(current.Key).RevokeAsync();
        await IndexOriginsAsync(current.Key, current.AllowedOrigins, []);
        catalog.State.Keys.Remove(current);
        catalog.State.IdentitySecrets.Remove(keyId);
        await catalog.WriteStateAsync();
        await AuditAsync(AuditActions.WidgetKeyRevoked, current, null);
        return Outcome.Success;
    }

    public async Task<Result<string>> IssueIdentitySecretAsync(string keyId)
    {
        if (Find(keyId) is not { } current)
        {
            return Failure.NotFound("Widget key");
        }
        var now = time.GetUtcNow();
        var (text, kept) = WidgetIdentitySecrets.Issue(secrets, keyId, catalog.State.IdentitySecrets.GetValueOrDefault(keyId), now);
        catalog.State.IdentitySecrets[keyId] = kept;
        var updated = current with { IdentitySecretIssuedAt = now };
        await BindAsync(updated);
        await ReplaceAsync(AuditActions.WidgetKeyUpdated, current, updated);
        return text;
    }

    private Task FlushWebhookEventsAsync() => outbox.FlushAsync(this, catalog.State.PendingWebhookEvents, catalog.WriteStateAsync);

    private async Task<WidgetKeyView> ReplaceAsync(string action, WidgetKeyView current, WidgetKeyView updated)
    {
        catalog.State.Keys[catalog.State.Keys.IndexOf(current)] = updated;
        await catalog.WriteStateAsync();
        await AuditAsync(action, current, updated);
        return WithAppearance(updated);
    }

    private Task AuditAsync(string action, WidgetKeyView? before, WidgetKeyView? after) =>
        GrainFactory.AuditAsync(Tenant, action, new AuditTarget(AuditTargetTypes.WidgetKey, (before ?? after)!.Id),
            before is null ? null : AuditSummaries.WidgetKey(WithAppearance(before)), after is null ? null : AuditSummaries.WidgetKey(WithAppearance(after)));

    private async Task IndexOriginsAsync(string keyValue, IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        foreach (var removed in before.Except(after, StringComparer.Ordinal))
        {
            await GrainFactory.GetGrain<IWidgetOriginGrain>(removed).RemoveAsync(keyValue);
        }
        foreach (var added in after.Except(before, StringComparer.Ordinal))
        {
            await GrainFactory.GetGrain<IWidgetOriginGrain>(added).AddAsync(keyValue);
        }
    }

    private Task BindAsync(WidgetKeyView view) => KeyGrain(view.Key).BindAsync(new WidgetKeyBinding(Tenant, view.Id, view.AllowedOrigins, view.Appearance,
        view.RequireIdentity, catalog.State.IdentitySecrets.GetValueOrDefault(view.Id)));

    /// <summary>Keys made before widgets had an appearance show (and use) the default one.</summary>
    private static WidgetKeyView WithAppearance(WidgetKeyView view) => view.Appearance is null ? view with { Appearance = WidgetAppearance.Default } : view;

    private IWidgetKeyGrain KeyGrain(string keyValue) => GrainFactory.GetGrain<IWidgetKeyGrain>(keyValue);

    private WidgetKeyView? Find(string keyId) => catalog.State.Keys.Find(k => k.Id == keyId);

    private static string NewKeyValue() => WidgetKeyFormat.New();

    private static Failure? Validate(WidgetKeyInput input, out string? name, out IReadOnlyList<string>? origins, out WidgetAppearance? appearance)
    {
        name = input.Name?.Trim();
        origins = null;
        var errors = new Dictionary<string, string[]>();
        appearance = input.Appearance is null ? null : WidgetAppearanceRules.Validate(input.Appearance, errors);
        if (name is not null && (name.Length == 0 || name.Length > NameMax))
        {
            errors["name"] = [$"name must be 1..{NameMax} characters."];
        }
        if (input.AllowedOrigins is { } entries)
        {
            var normalized = new List<string>();
            var bad = new List<string>();
            foreach (var entry in entries)
            {
                if (Origins.TryNormalizeEntry(entry, out var origin))
                {
                    normalized.Add(origin);
                }
                else
                {
                    bad.Add($"'{entry}' is not an origin (scheme://host[:port]) or an https://*.domain wildcard.");
                }
            }
            if (entries.Count > Origins.MaxEntries)
            {
                bad.Add($"at most {Origins.MaxEntries} origins.");
            }
            if (bad.Count > 0)
            {
                errors["allowedOrigins"] = [.. bad];
            }
            origins = [.. normalized.Distinct(StringComparer.Ordinal)];
        }
        return errors.Count == 0 ? null : Failure.Validation(errors);
    }
}
