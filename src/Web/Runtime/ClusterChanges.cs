namespace Bob.Web.Runtime;

/// <summary>
/// What a web node (an Orleans client) knows about silos leaving: the client's connection to a gateway closes the moment
/// its silo dies or stops, seconds before membership declares it dead. Until then, calls to grains that lived there get
/// no answer before Orleans' response timeout (30 s); <see cref="SiloLossGuard"/> uses these signals to stop waiting
/// sooner. In a web node co-hosting its silo there are no gateways and nothing is ever signalled.
/// </summary>
public sealed class ClusterChanges : IClusterConnectionStatusObserver, ISiloLossSignal
{
    /// <summary>How long a lost silo may take to be declared dead before the node stops waiting for it.</summary>
    public static readonly TimeSpan SettleDeadline = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);
    private readonly Lock _lock = new();
    private TaskCompletionSource<bool> _nextLoss;
    private Task<bool> _afterNextLoss;
    private Task<bool>? _settling;
    private readonly IServiceProvider services;
    private readonly ILogger<ClusterChanges> logger;
    private int _gateways;

    public ClusterChanges(IServiceProvider services, ILogger<ClusterChanges> logger)
    {
        this.services = services;
        this.logger = logger;
        (_nextLoss, _afterNextLoss) = NewSignal();
    }

    /// <inheritdoc /> Not in time = within <see cref="SettleDeadline"/>.
    public Task<bool> NextSettlement
    {
        get
        {
            lock (_lock)
            {
                return _settling ?? _afterNextLoss;
            }
        }
    }

    public int ConnectedGateways => Volatile.Read(ref _gateways);

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        Volatile.Write(ref _gateways, currentNumberOfGateways);
        if (currentNumberOfGateways >= previousNumberOfGateways)
        {
            return;
        }
        TaskCompletionSource<bool> lost;
        lock (_lock)
        {
            _settling ??= SettleAsync();
            lost = _nextLoss;
            (_nextLoss, _afterNextLoss) = NewSignal();
        }
        logger.LogWarning("Lost a gateway connection ({Gateways} left); calls in flight wait for the cluster to declare the silo dead", currentNumberOfGateways);
        lost.TrySetResult(true);
    }

    public void NotifyClusterConnectionLost() => Volatile.Write(ref _gateways, 0);

    private Task<bool> Settling()
    {
        lock (_lock)
        {
            return _settling ?? Task.FromResult(true);
        }
    }

    private async Task<bool> SettleAsync()
    {
        await Task.Yield();
        var settled = await WaitMovedOnAsync();
        lock (_lock)
        {
            _settling = null;
        }
        if (settled)
        {
            logger.LogWarning("The cluster moved on after a lost gateway");
        }
        else
        {
            logger.LogWarning("The cluster did not declare a lost gateway's silo dead within {Deadline}", SettleDeadline);
        }
        return settled;
    }

    /// <summary>Polls until membership lists no more active silos than this node can reach, or the deadline passes.</summary>
    private async Task<bool> WaitMovedOnAsync()
    {
        var management = services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        using var deadline = new CancellationTokenSource(SettleDeadline);
        while (!deadline.IsCancellationRequested)
        {
            try
            {
                var gateways = ConnectedGateways;
                if (gateways > 0)
                {
                    // Management is a stateless worker: it answers from the gateway silo itself, never from the lost one.
                    using var poll = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
                    poll.CancelAfter(TimeSpan.FromSeconds(1));
                    if ((await management.GetHosts(onlyActive: true, poll.Token)).Count <= gateways)
                    {
                        return true;
                    }
                }
                await Task.Delay(PollEvery, deadline.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or TimeoutException or OrleansException)
            {
                // Not there yet (the gateway asked may be going too); ask again until the deadline.
            }
        }
        return false;
    }

    /// <summary>A loss signal, and the settlement of the loss it signals (one task shared by every waiting call).</summary>
    private (TaskCompletionSource<bool> Loss, Task<bool> Settled) NewSignal()
    {
        var loss = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        return (loss, loss.Task.ContinueWith(_ => Settling(), TaskScheduler.Default).Unwrap());
    }
}
