using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Bob.Grains.Tests.Profile;

/// <summary>Counts the application grain calls a silo receives, by interface and method (the turn's cost in calls).</summary>
public sealed class GrainCallCounter : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceName.StartsWith("Bob.", StringComparison.Ordinal))
        {
            _calls.AddOrUpdate($"{context.InterfaceName[(context.InterfaceName.LastIndexOf('.') + 1)..]}.{context.MethodName}", 1, (_, n) => n + 1);
        }
        return context.Invoke();
    }

    public IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(_calls, StringComparer.Ordinal);

    public void Reset() => _calls.Clear();

    public sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Services.AddSingleton<GrainCallCounter>();
            siloBuilder.Services.AddSingleton<IIncomingGrainCallFilter>(provider => provider.GetRequiredService<GrainCallCounter>());
        }
    }
}
