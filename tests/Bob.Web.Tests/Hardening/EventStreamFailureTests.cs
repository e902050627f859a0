using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Web.Features.Conversations;

namespace Bob.Web.Tests.Hardening;

/// <summary>A live feed whose source fails (a silo lost, a storage failure) ends with an <c>error</c> event, not a cut connection.</summary>
public sealed class EventStreamFailureTests
{
    private static readonly StreamAccess AlwaysAllowed = new(() => Task.FromResult<Failure?>(null), TimeSpan.FromSeconds(1));

    [Fact]
    public async Task A_feed_whose_poll_fails_ends_with_an_error_event_carrying_the_code()
    {
        var polls = 0;
        Task<IReadOnlyList<ConversationEvent>> Poll(long after) => ++polls == 1
            ? Task.FromResult<IReadOnlyList<ConversationEvent>>([])
            : throw new FailureException(new Failure(FailureCodes.ServiceUnavailable, "The database is briefly unavailable; retry shortly."));

        var items = new List<(string? Type, string Data)>();
        await foreach (var item in EventStreams.RelayAsync(Poll, 0, e => e, AlwaysAllowed, CancellationToken.None))
        {
            items.Add((item.EventType, item.Data));
        }

        Assert.Equal(["ready", "ping", "error"], items.Select(i => i.Type));
        Assert.Contains("\"code\":\"service_unavailable\"", items[^1].Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_feed_closed_by_its_reader_just_ends()
    {
        using var closed = new CancellationTokenSource();
        Task<IReadOnlyList<ConversationEvent>> Poll(long after)
        {
            closed.Cancel();
            throw new OperationCanceledException(closed.Token);
        }

        var items = new List<string?>();
        await foreach (var item in EventStreams.RelayAsync(Poll, 0, e => e, AlwaysAllowed, closed.Token))
        {
            items.Add(item.EventType);
        }

        Assert.Equal(["ready"], items);
    }

    [Fact]
    public async Task A_feed_whose_access_ends_ends_with_that_code_even_while_its_poll_still_waits()
    {
        var allowed = true;
        var access = new StreamAccess(() => Task.FromResult<Failure?>(allowed ? null : new Failure(FailureCodes.InvalidToken, "Logged out.")), TimeSpan.FromMilliseconds(100));
        var neverAnswers = new TaskCompletionSource<IReadOnlyList<ConversationEvent>>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var items = new List<(string? Type, string Data)>();
        await foreach (var item in EventStreams.RelayAsync(_ => neverAnswers.Task, 0, e => e, access, deadline.Token))
        {
            items.Add((item.EventType, item.Data));
            allowed = false;
        }

        Assert.False(deadline.IsCancellationRequested);
        Assert.Equal(["ready", "error"], items.Select(i => i.Type));
        Assert.Contains("\"code\":\"invalid_token\"", items[^1].Data, StringComparison.Ordinal);
    }
}
