using Bob.Grains.Abstractions.Common;
using Orleans.Concurrency;

namespace Bob.Grains;

[StatelessWorker]
public sealed class PingGrain(ILocalSiloDetails silo) : Grain, IPingGrain
{
    public Task<string> PingAsync() => Task.FromResult(silo.Name);
}
