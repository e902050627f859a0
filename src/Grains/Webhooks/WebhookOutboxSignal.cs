using System.Threading.Channels;

namespace Bob.Grains.Webhooks;

/// <summary>In-process nudge from whoever just committed outbox rows on this silo to this silo's <see cref="WebhookRelay"/>.
/// Costs nothing on the committing path: no grain call, no I/O; many nudges while the relay works fold into one.</summary>
public sealed class WebhookOutboxSignal
{
    private readonly Channel<bool> _nudges = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _nudges.Writer.TryWrite(true);

    /// <summary>Waits for a nudge or <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            await _nudges.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed.
        }
    }
}
