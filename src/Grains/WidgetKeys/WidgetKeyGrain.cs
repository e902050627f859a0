using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.WidgetKeys;

namespace Bob.Grains.WidgetKeys;

[GenerateSerializer, Alias("bob.WidgetKeyState")]
public sealed class WidgetKeyState
{
    [Id(0)] public WidgetKeyBinding? Binding { get; set; }
    [Id(1)] public bool Revoked { get; set; }
}

public sealed class WidgetKeyGrain([PersistentState("widgetkey", "bob")] IPersistentState<WidgetKeyState> key) : Grain, IWidgetKeyGrain
{
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
        var binding = key.State.Binding;
        if (binding is null || key.State.Revoked)
        {
            return Task.FromResult<Result<WidgetKeyBinding>>(new Failure(FailureCodes.InvalidWidgetKey, "The widget key is unknown or revoked."));
        }
        return Task.FromResult<Result<WidgetKeyBinding>>(Origins.IsAllowed(binding.AllowedOrigins, origin)
            ? binding
            : new Failure(FailureCodes.OriginNotAllowed, "This origin is not on the widget key's allow-list."));
    }
}
