using Bob.Grains.Storage;

namespace Bob.Silo.Storage;

/// <summary>
/// The catch-all for storage failures inside any grain call (including the steps of a streamed call): whatever
/// storage code raised, the caller receives the serializable failure, never a database exception it cannot read.
/// </summary>
public sealed class StorageFailureCallFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception exception) when (StorageFailures.Translate(exception) is var translated && translated != exception)
        {
            throw translated;
        }
    }
}
