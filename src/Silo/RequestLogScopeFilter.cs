using Bob.Grains.Abstractions.Common;
using Microsoft.Extensions.Logging;

namespace Bob.Silo;

/// <summary>
/// Opens a log scope with the web request id (carried in Orleans' RequestContext) around each grain call that has one,
/// so a silo's log lines name the request that caused them, whichever node served it.
/// </summary>
public sealed class RequestLogScopeFilter(ILogger<RequestLogScopeFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (RequestContext.Get(TelemetryNames.RequestIdKey) is not string requestId)
        {
            await context.Invoke();
            return;
        }
        using (logger.BeginScope(new RequestIdScope(requestId)))
        {
            await context.Invoke();
        }
    }

    /// <summary>A one-entry scope, as structured as the web's (<c>RequestId</c>), without a dictionary per call.</summary>
    private sealed class RequestIdScope(string requestId) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 1;

        public KeyValuePair<string, object?> this[int index] =>
            index == 0 ? new("RequestId", requestId) : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"RequestId:{requestId}";
    }
}
