using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.WidgetKeys;
using Bob.Grains.Webhooks;
using Microsoft.Extensions.Options;

namespace Bob.Grains.WidgetKeys;

[GenerateSerializer, Alias("bob.WidgetKeyState")]
public sealed class WidgetKeyState
{
    [Id(0)] public WidgetKeyBinding? Binding { get; set; }
    [Id(1)] public bool Revoked { get; set; }
}

public sealed class WidgetKeyGrain(
    [PersistentState("widgetkey", "bob")] IPersistentState<WidgetKeyState> key,
    IOptions<ChatLimitOptions> limits,
    SecretProtector secrets,
    TimeProvider time) : Grain, IWidgetKeyGrain
{
    private readonly KeyRequestBudget _budget = new(time);
    private WidgetKeyBinding? _authorized;

    public async Task BindAsync(WidgetKeyBinding binding)
    {
        key.State = new WidgetKeyState { Binding = binding };
        _authorized = null;
        await key.WriteStateAsync();
    }

    public async Task RevokeAsync()
    {
        key.State.Revoked = true;
        await key.WriteStateAsync();
    }

    public Task<Result<WidgetKeyBinding>> AuthorizeAsync(string? origin) => AuthorizeVisitorAsync(origin, visitorAddress: null);

    public Task<Result<WidgetKeyBinding>> AuthorizeVisitorAsync(string? origin, string? visitorAddress)
    {
        var live = Live(origin);
        if (!live.IsSuccess)
        {
            return Task.FromResult(live);
        }
        // A fixed one-minute window per key, across every web node (this grain is the key's only activation).
        return Task.FromResult<Result<WidgetKeyBinding>>(
            _budget.TryTake(visitorAddress, limits.Value.WidgetKeyPerMinute, limits.Value.WidgetKeyPerMinutePerIp, out var retryAfter) switch
            {
                KeyRequestBudget.Verdict.Admitted => live,
                KeyRequestBudget.Verdict.AddressExhausted =>
                    new Failure(FailureCodes.RateLimited, "This address has sent too many requests with this widget key; slow down.", RetryAfter: retryAfter),
                _ => new Failure(FailureCodes.TooManyRequests, "This widget key has sent too many requests; slow down.", RetryAfter: retryAfter),
            });
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
