using Bob.Grains.Storage;
using Orleans.Storage;

namespace Bob.Silo.Storage;

/// <summary>
/// Wraps Orleans' ADO.NET grain storage so its database failures leave as <see cref="StorageFailures"/> says:
/// this covers state reads during activation too, which no grain call filter sees.
/// </summary>
public sealed class FailureTranslatingGrainStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        StorageFailures.GuardAsync(() => inner.ReadStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        StorageFailures.GuardAsync(() => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        StorageFailures.GuardAsync(() => inner.ClearStateAsync(stateName, grainId, grainState));

    public void Participate(ISiloLifecycle observer) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(observer);
}
