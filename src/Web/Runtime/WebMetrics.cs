using System.Diagnostics;
using System.Diagnostics.Metrics;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;

namespace Bob.Web.Runtime;

/// <summary>
/// Bob's instruments recorded by the web node: chat turns by path and outcome, handoffs, and problems by <c>code</c>.
/// Labels come from small fixed sets (channel, outcome, problem code, status); never a tenant, session or key.
/// </summary>
public sealed class WebMetrics
{
    /// <summary>The turn's outcome when the assistant answered.</summary>
    public const string Answered = "answered";

    /// <summary>The assistant answered and offered a human (handoff).</summary>
    public const string Handoff = "handoff";

    /// <summary>A human agent has the conversation: the assistant stayed silent.</summary>
    public const string Human = "human";

    private readonly Counter<long> _turns;
    private readonly Histogram<double> _turnDuration;
    private readonly Counter<long> _handoffs;
    private readonly Counter<long> _problems;

    public WebMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(TelemetryNames.Meter);
        _turns = meter.CreateCounter<long>("bob.chat.turns", "{turn}", "Chat turns by path (public, widget, console) and outcome (answered, handoff, human, or the refusal's problem code).");
        _turnDuration = meter.CreateHistogram<double>("bob.chat.turn.duration", "s", "Time from the request reaching the chat plumbing to the reply (or the end of the stream).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Durations.Seconds });
        _handoffs = meter.CreateCounter<long>("bob.chat.handoffs", "{handoff}", "Assistant answers that offered a human.");
        _problems = meter.CreateCounter<long>("bob.http.problems", "{response}", "Problem responses by code and HTTP status.");
    }

    public void Turn(ChatChannel channel, ChatReply reply, long startedTimestamp)
    {
        var outcome = reply.Status == ConversationStatus.Human ? Human : reply.Handoff ? Handoff : Answered;
        Record(channel, outcome, startedTimestamp);
        if (reply.Handoff)
        {
            _handoffs.Add(1, new KeyValuePair<string, object?>("channel", ChannelName(channel)));
        }
    }

    public void Turn(ChatChannel channel, Failure failure, long startedTimestamp) => Record(channel, failure.Code, startedTimestamp);

    public void Problem(string code, int status) =>
        _problems.Add(1, new KeyValuePair<string, object?>("code", code), new KeyValuePair<string, object?>("http.response.status_code", status));

    /// <summary>Records a problem response from anywhere in the pipeline (no-op if the node runs without these services).</summary>
    public static void Problem(HttpContext context, string code, int status) =>
        context.RequestServices?.GetService<WebMetrics>()?.Problem(code, status);

    public static WebMetrics? For(HttpContext context) => context.RequestServices?.GetService<WebMetrics>();

    private void Record(ChatChannel channel, string outcome, long startedTimestamp)
    {
        var tags = new TagList { { "channel", ChannelName(channel) }, { "outcome", outcome } };
        _turns.Add(1, tags);
        _turnDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, tags);
    }

    private static string ChannelName(ChatChannel channel) => channel switch
    {
        ChatChannel.Public => "public",
        ChatChannel.Widget => "widget",
        ChatChannel.Console => "console",
        _ => "other",
    };
}
