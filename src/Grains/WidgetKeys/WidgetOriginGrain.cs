using Bob.Grains.Abstractions.WidgetKeys;

namespace Bob.Grains.WidgetKeys;

[GenerateSerializer, Alias("bob.WidgetOriginState")]
public sealed class WidgetOriginState
{
    [Id(0)] public HashSet<string> Keys { get; set; } = [];
}

public sealed class WidgetOriginGrain([PersistentState("widgetorigin", "bob")] IPersistentState<WidgetOriginState> origin) : Grain, IWidgetOriginGrain
{
    public async Task AddAsync(string keyValue)
    {
        if (origin.State.Keys.Add(keyValue))
        {
            await origin.WriteStateAsync();
        }
    }

    public async Task RemoveAsync(string keyValue)
    {
        if (origin.State.Keys.Remove(keyValue))
        {
            await origin.WriteStateAsync();
        }
    }

    public Task<bool> AnyAsync() => Task.FromResult(origin.State.Keys.Count > 0);
}
