namespace Bob.Load.Faults;

/// <summary>One HTTP attempt of a chat turn, as the client saw it. Times are seconds since the run started.</summary>
/// <param name="Kind">First try, the retry after a failure, or a deliberate resend of an acknowledged turn.</param>
/// <param name="Status">The HTTP status, or 0 when no response came (refused or dropped connection, client timeout).</param>
/// <param name="Code">The problem's <c>code</c> for a failure; for a transport error, the exception's name.</param>
/// <param name="Streamed">Sent with <c>Accept: text/event-stream</c>: a 200 is a <c>done</c> event, a failure after the
/// stream began is its <c>error</c> event (503 with that code), a stream that ended with neither is 502 <c>stream_cut</c>.</param>
public sealed record Attempt(
    int Turn,
    AttemptKind Kind,
    string TenantId,
    string Session,
    string ClientMessageId,
    double Start,
    double End,
    int Status,
    string? Code,
    bool HasRetryAfter,
    string? MessageId,
    bool Streamed = false)
{
    public bool Ok => Status == 200;

    public double Wait => End - Start;
}

public enum AttemptKind
{
    First,
    Retry,
    Resend,
}
