using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.WidgetKeys;
using Bob.Grains.Caching;
using Bob.Grains.Webhooks;
using Microsoft.Extensions.Options;

namespace Bob.Grains.WidgetKeys;

[GenerateSerializer, Alias("bob.WidgetKeyState")]
public sealed class WidgetKeyState
{
    [Id(0)] public WidgetKeyBinding? Binding { get; set; }
    [Id(1)] public bool Revoked { get; set; }
}

/// <summary>
/// A widget key: its binding, and the one-minute request budget every web node's visitors share, handed to the nodes in
/// passes (<see cref="KeyRequestBudget"/>). A revocation or a new binding answers only once every pass handed out before
/// it has run out (<see cref="CopiesHandedOut"/>), so from then on no node admits a request on the old binding.
/// </summary>
public sealed class WidgetKeyGrain(
    [PersistentState("widgetkey", "bob")] IPersistentState<WidgetKeyState> key,
    IOptions<ChatLimitOptions> limits,
    IOptions<TurnCacheOptions> copies,
    SecretProtector secrets,
    TimeProvider time) : Grain, IWidgetKeyGrain
{
    private readonly KeyRequestBudget _budget = new(time);
    private readonly CopiesHandedOut _passes = new(time, copies.Value.ConfigCopyLifetime);
    private WidgetKeyBinding? _authorized;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (key.State is { Binding: not null, Revoked: false })
        {
            _passes.AssumeSomeOut();
        }
        return Task.CompletedTask;
    }

    public async Task BindAsync(WidgetKeyBinding binding)
    {
        key.State = new WidgetKeyState { Binding = binding };
        _authorized = null;
        await key.WriteStateAsync();
        await _passes.RunOutAsync();
    }

    public async Task RevokeAsync()
    {
        key.State.Revoked = true;
        await key.WriteStateAsync();
        await _passes.RunOutAsync();
    }

    /// <summary>Counted against the key's total like a visitor's request without an address, and handed out as nothing to keep.</summary>
    public Task<Result<WidgetKeyBinding>> AuthorizeAsync(string? origin) => Task.FromResult(Take(origin, visitorAddress: null, wanted: 1, out _));

    public Task<WidgetKeyPass> TakePassAsync(string? origin, string? visitorAddress, int wanted, UnusedAdmits? unused)
    {
        if (unused is not null)
        {
            _budget.GiveBack(unused.Window, visitorAddress, unused.Count);
        }
        var result = Take(origin, visitorAddress, wanted, out var taken);
        return Task.FromResult(result.IsSuccess
            ? new WidgetKeyPass(result, taken, _passes.HandOut(), _budget.CurrentWindow)
            : new WidgetKeyPass(result, 0, TimeSpan.Zero, 0));
    }

    /// <summary>The live binding with up to <paramref name="wanted"/> requests taken from the budget, or why not.</summary>
    private Result<WidgetKeyBinding> Take(string? origin, string? visitorAddress, int wanted, out int taken)
    {
        taken = 0;
        var live = Live(origin);
        if (!live.IsSuccess)
        {
            return live;
        }
        // A fixed one-minute window per key, across every web node (this grain is the key's only activation).
        return _budget.TryTake(visitorAddress, wanted, limits.Value.WidgetKeyPerMinute, limits.Value.WidgetKeyPerMinutePerIp, out taken, out var retryAfter) switch
        {
            KeyRequestBudget.Verdict.Admitted => live,
            KeyRequestBudget.Verdict.AddressExhausted =>
                new Failure(FailureCodes.RateLimited, "This address has sent too many requests with this widget key; slow down.", RetryAfter: retryAfter),
            _ => new Failure(FailureCodes.TooManyRequests, "This widget key has sent too many requests; slow down.", RetryAfter: retryAfter),
        };
    }

    public Task<Result<WidgetKeyBinding>> StillAuthorizedAsync(string? origin) => Task.FromResult(Live(origin));

    /// <summary>The key is bound, not revoked, and lists the origin: the binding as authorizations answer it, its
    /// identity secrets opened once per activation or bind, not per request.</summary>
    private Result<WidgetKeyBinding> Live(string? origin)
    {
        var binding = key.State.Binding;
        if (binding is null || key.State.Revoked)
        {
            return new Failure(FailureCodes.InvalidWidgetKey, "The widget key is unknown or revoked.");
        }
        if (!Origins.IsAllowed(binding.AllowedOrigins, origin))
        {
            return new Failure(FailureCodes.OriginNotAllowed, "This origin is not on the widget key's allow-list.");
        }
        return _authorized ??= binding with { SealedIdentitySecrets = null, IdentitySecrets = WidgetIdentitySecrets.Open(secrets, binding) };
    }
}
