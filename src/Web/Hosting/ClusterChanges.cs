namespace Bob.Web.Hosting;

/// <summary>
/// What a web node (an Orleans client) knows about silos leaving: the client's connection to a gateway closes the moment
/// its silo dies or stops, long before membership declares it dead. Calls in flight through or to that silo then get no
/// answer until Orleans' response timeout (30 s); <see cref="SiloLossGuard"/> uses these signals to stop waiting sooner.
/// In a web node co-hosting its silo there are no gateways and nothing is ever signalled.
/// </summary>
public sealed class ClusterChanges(IServiceProvider services) : IClusterConnectionStatusObserver
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);
    private TaskCompletionSource _nextLoss = NewSignal();
    private int _gateways;

    /// <summary>Completes when the next gateway connection is lost (a silo died, stopped or became unreachable).</summary>
    public Task NextLoss => Volatile.Read(ref _nextLoss).Task;

    public int ConnectedGateways => Volatile.Read(ref _gateways);

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        Volatile.Write(ref _gateways, currentNumberOfGateways);
        if (currentNumberOfGateways < previousNumberOfGateways)
        {
            Interlocked.Exchange(ref _nextLoss, NewSignal()).TrySetResult();
        }
    }

    public void NotifyClusterConnectionLost() => Volatile.Write(ref _gateways, 0);

    /// <summary>
    /// Waits until the cluster has moved on: membership lists no more active silos than this node can reach, so a
    /// silo that went away is declared dead and its grains activate elsewhere on the next call. False at the deadline.
    /// </summary>
    public async Task<bool> WaitMovedOnAsync(TimeSpan deadline, CancellationToken cancellation)
    {
        var management = services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(deadline);
        while (!timeout.IsCancellationRequested)
        {
            try
            {
                var gateways = ConnectedGateways;
                if (gateways > 0)
                {
                    // Management is a stateless worker: it answers from the gateway silo itself, never from the lost one.
                    using var poll = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
                    poll.CancelAfter(TimeSpan.FromSeconds(1));
                    if ((await management.GetHosts(onlyActive: true, poll.Token)).Count <= gateways)
                    {
                        return true;
                    }
                }
                await Task.Delay(PollEvery, timeout.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or TimeoutException or OrleansException)
            {
                // Not there yet (the gateway asked may be going too); ask again until the deadline.
            }
        }
        return false;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
