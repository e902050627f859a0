using System.Diagnostics;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;

namespace Bob.Web.Runtime;

/// <summary>One chat turn being timed: recorded once, when its reply or its refusal is known.</summary>
public sealed class MeasuredTurn(WebMetrics? metrics, ChatChannel channel)
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private bool _recorded;

    /// <summary>Records the turn if <paramref name="reply"/> or <paramref name="failure"/> is its end; otherwise (a stream's delta) waits.</summary>
    public void Done(ChatReply? reply, Failure? failure)
    {
        if (_recorded || metrics is null || (reply is null && failure is null))
        {
            return;
        }
        _recorded = true;
        if (reply is not null)
        {
            metrics.Turn(channel, reply, _started);
        }
        else
        {
            metrics.Turn(channel, failure!, _started);
        }
    }
}
