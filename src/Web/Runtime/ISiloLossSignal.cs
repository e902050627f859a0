namespace Bob.Web.Runtime;

/// <summary>When the cluster has dealt with a lost silo: what <see cref="SiloLossGuard"/> waits on before it repeats a call.</summary>
public interface ISiloLossSignal
{
    /// <summary>
    /// Completes when the cluster has settled a silo loss: one that is under way now, or else the next one. True when the
    /// cluster moved on (the silo is declared dead; calls to its grains now activate them elsewhere), false when it did not in time.
    /// </summary>
    Task<bool> NextSettlement { get; }
}
