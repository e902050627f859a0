using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bob.Silo.Memory;

/// <summary>Settings under <c>Bob:Memory</c>.</summary>
public sealed class IdleMemoryOptions
{
    public const string Section = "Bob:Memory";

    /// <summary>How often the silo looks whether it is idle.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Allocating less than this between two checks counts as idle.</summary>
    public long IdleBelowBytes { get; set; } = 64L * 1024 * 1024;
}

/// <summary>
/// Whether an idle silo should give memory back: the garbage collector runs only when a process allocates, so a silo
/// that goes quiet after a peak keeps the peak's heap, conversations long deactivated included, for good. Once per
/// quiet check it is worth a compacting collection that returns the free memory to the system.
/// </summary>
public sealed class IdleTrimPolicy(long idleBelowBytes)
{
    private long? _allocatedAtLastCheck;

    /// <summary>Called at every check with the process's total allocated bytes; true when it allocated little since the last one.</summary>
    public bool ShouldTrim(long totalAllocated)
    {
        var last = _allocatedAtLastCheck;
        _allocatedAtLastCheck = totalAllocated;
        return last is { } before && totalAllocated - before < idleBelowBytes;
    }

    /// <summary>The collection itself allocates nothing worth counting; the next check starts from here.</summary>
    public void Trimmed(long totalAllocated) => _allocatedAtLastCheck = totalAllocated;
}

/// <summary>Runs <see cref="IdleTrimPolicy"/>: an aggressive, compacting, blocking collection when the silo is idle
/// (milliseconds for a heap of a few hundred MB, and nobody is waiting).</summary>
public sealed class IdleMemoryTrim(IOptions<IdleMemoryOptions> options, TimeProvider time, ILogger<IdleMemoryTrim> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var policy = new IdleTrimPolicy(options.Value.IdleBelowBytes);
        using var timer = new PeriodicTimer(options.Value.CheckEvery, time);
        policy.ShouldTrim(GC.GetTotalAllocatedBytes());
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!policy.ShouldTrim(GC.GetTotalAllocatedBytes()))
            {
                continue;
            }
            var before = Environment.WorkingSet;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            policy.Trimmed(GC.GetTotalAllocatedBytes());
            logger.LogDebug("Idle: memory trimmed, working set {Before} -> {After} bytes", before, Environment.WorkingSet);
        }
    }
}
