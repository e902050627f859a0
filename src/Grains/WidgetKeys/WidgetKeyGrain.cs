using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.WidgetKeys;
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
    TimeProvider time) : Grain, IWidgetKeyGrain
{
    private DateTimeOffset _windowStart;
    private int _requestsInWindow;

    public async Task BindAsync(WidgetKeyBinding binding)
    {
        key.State = new WidgetKeyState { Binding = binding };
        await key.WriteStateAsync();
    }

    public async Task RevokeAsync()
    {
        key.State.Revoked = true;
        await key.WriteStateAsync();
    }

    public Task<Result<WidgetKeyBinding>> AuthorizeAsync(string? origin)
    {
        var live = Live(origin);
        if (!live.IsSuccess)
        {
            return Task.FromResult(live);
        }
        return Task.FromResult<Result<WidgetKeyBinding>>(TryTakeRequest(out var retryAfter)
            ? live
            : new Failure(FailureCodes.TooManyRequests, "This widget key has sent too many requests; slow down.", RetryAfter: retryAfter));
    }

    public Task<Result<WidgetKeyBinding>> StillAuthorizedAsync(string? origin) => Task.FromResult(Live(origin));

    private Result<WidgetKeyBinding> Live(string? origin)
    {
        var binding = key.State.Binding;
        if (binding is null || key.State.Revoked)
        {
            return new Failure(FailureCodes.InvalidWidgetKey, "The widget key is unknown or revoked.");
        }
        return Origins.IsAllowed(binding.AllowedOrigins, origin)
            ? binding
            : new Failure(FailureCodes.OriginNotAllowed, "This origin is not on the widget key's allow-list.");
    }

    /// <summary>A fixed one-minute window per key, across every web node (this grain is the key's only activation).</summary>
    private bool TryTakeRequest(out TimeSpan retryAfter)
    {
        var now = time.GetUtcNow();
        if (now - _windowStart >= TimeSpan.FromMinutes(1))
        {
            _windowStart = now;
            _requestsInWindow = 0;
        }
        retryAfter = _windowStart + TimeSpan.FromMinutes(1) - now;
        return ++_requestsInWindow <= limits.Value.WidgetKeyPerMinute;
    }
}
