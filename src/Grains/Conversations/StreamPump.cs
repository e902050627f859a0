using System.Threading.Channels;
using Bob.Grains.Abstractions.Conversations;

namespace Bob.Grains.Conversations;

/// <summary>
/// Hands a streamed turn's items to its reader through a channel, so the turn runs on its own (on the activation) and holds
/// the turn lock itself, never the reader: Orleans keeps a grain enumerator whose caller died (its web node was killed)
/// suspended at its last yield, and disposes it only hours later, so a lock held across a yield wedged the conversation
/// (every later turn waited 25 s for a 503). A reader that leaves no longer stops the turn: it is answered, stored and
/// charged like a JSON turn, and a retry with its client_message_id replays it.
/// </summary>
public static class StreamPump
{
    /// <summary>Starts <paramref name="turn"/> when the reader asks for the first item, and yields what it writes until it ends.</summary>
    public static async IAsyncEnumerable<ChatStreamItem> Pump(Func<ChannelWriter<ChatStreamItem>, Task> turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var items = Channel.CreateUnbounded<ChatStreamItem>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var running = RunAsync(turn, items.Writer);
        var observed = false;
        try
        {
            await foreach (var item in items.Reader.ReadAllAsync())
            {
                yield return item;
            }
            observed = true;
            await running;
        }
        finally
        {
            if (!observed)
            {
                // The reader left: the turn's failure, if any, is nobody's to see (the transcript tells what happened).
                _ = running.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
        }
    }

    private static async Task RunAsync(Func<ChannelWriter<ChatStreamItem>, Task> turn, ChannelWriter<ChatStreamItem> items)
    {
        try
        {
            await turn(items);
        }
        finally
        {
            items.TryComplete();
        }
    }
}
