using Bob.Grains.Abstractions.Common;
using Bob.Web.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;

namespace Bob.Web.Tests.Hosting;

/// <summary>The guard's decisions without a cluster: when a call is sent again, when it is left alone, which answer wins,
/// and when a stream already relaying is given up as lost with its silo.</summary>
public sealed class SiloLossGuardTests
{
    private readonly FakeSignal signal = new();
    private readonly FakeTimeProvider time = new();
    private readonly SiloLossGuard guard;

    public SiloLossGuardTests() => guard = new SiloLossGuard(signal, time, NullLogger<SiloLossGuard>.Instance);

    [Fact]
    public async Task A_call_answered_before_any_silo_loss_is_sent_once()
    {
        var calls = new Calls<string>();
        var answer = guard.CallAsync(calls.Next, repeatable: true);
        calls[0].SetResult("first");

        Assert.Equal("first", await answer);
        Assert.Equal(1, calls.Count);
    }

    [Fact]
    public async Task A_repeatable_call_still_in_flight_when_the_cluster_moved_on_is_sent_once_more_and_the_retry_answers()
    {
        var calls = new Calls<string>();
        var answer = guard.CallAsync(calls.Next, repeatable: true);
        signal.Settle(movedOn: true);

        await Until(() => calls.Count == 2);
        calls[1].SetResult("retry");
        Assert.Equal("retry", await answer);
    }

    [Fact]
    public async Task A_call_that_is_not_repeatable_is_never_sent_twice_and_waits_for_its_own_answer()
    {
        var calls = new Calls<string>();
        var answer = guard.CallAsync(calls.Next, repeatable: false);
        signal.Settle(movedOn: true);
        await Task.Yield();

        Assert.False(answer.IsCompleted);
        calls[0].SetResult("own");
        Assert.Equal("own", await answer);
        Assert.Equal(1, calls.Count);
    }

    [Fact]
    public async Task A_loss_the_cluster_did_not_settle_in_time_sends_nothing_again()
    {
        var calls = new Calls<string>();
        var answer = guard.CallAsync(calls.Next, repeatable: true);
        signal.Settle(movedOn: false);
        await Task.Yield();

        calls[0].SetException(new TimeoutException("response timeout"));
        await Assert.ThrowsAsync<TimeoutException>(() => answer);
        Assert.Equal(1, calls.Count);
    }

    [Fact]
    public async Task A_repeatable_call_failing_fast_on_an_unavailable_silo_is_sent_again_once_the_cluster_moved_on()
    {
        var calls = new Calls<string>();
        var answer = guard.CallAsync(calls.Next, repeatable: true);
        calls[0].SetException(new SiloUnavailableException("gone"));
        await Task.Yield();
        Assert.Equal(1, calls.Count);

        signal.Settle(movedOn: true);
        await Until(() => calls.Count == 2);
        calls[1].SetResult("retry");
        Assert.Equal("retry", await answer);
    }

    [Fact]
    public async Task A_call_failing_fast_with_no_loss_settling_keeps_its_failure_once_the_wait_is_over()
    {
        var calls = new Calls<string>();
        var answer = guard.CallAsync(calls.Next, repeatable: true);
        calls[0].SetException(new SiloUnavailableException("gone"));

        await Until(() =>
        {
            time.Advance(TimeSpan.FromMilliseconds(500));
            return answer.IsCompleted;
        });
        await Assert.ThrowsAsync<SiloUnavailableException>(() => answer);
        Assert.Equal(1, calls.Count);
    }

    [Fact]
    public async Task A_call_failing_for_any_other_reason_is_not_sent_again()
    {
        var calls = new Calls<string>();
        var answer = guard.CallAsync(calls.Next, repeatable: true);
        calls[0].SetException(new InvalidOperationException("a bug"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => answer);
        Assert.Equal(1, calls.Count);
    }

    [Fact]
    public async Task When_the_first_call_answers_after_all_its_answer_wins_and_the_retry_answer_is_released()
    {
        var calls = new Calls<string>();
        var released = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var answer = guard.CallAsync(calls.Next, repeatable: true, discard: late => released.TrySetResult(late));
        signal.Settle(movedOn: true);
        await Until(() => calls.Count == 2);

        calls[0].SetResult("first");
        Assert.Equal("first", await answer);
        calls[1].SetResult("late retry");
        Assert.Equal("late retry", await released.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task When_both_calls_fail_the_retry_failure_is_what_the_caller_sees()
    {
        var calls = new Calls<string>();
        var answer = guard.CallAsync(calls.Next, repeatable: true);
        signal.Settle(movedOn: true);
        await Until(() => calls.Count == 2);

        calls[0].SetException(new TimeoutException("first"));
        calls[1].SetException(new SiloUnavailableException("retry"));
        var thrown = await Assert.ThrowsAsync<SiloUnavailableException>(() => answer);
        Assert.Contains("retry", thrown.Message);
    }

    [Fact]
    public async Task A_stream_step_answered_without_a_silo_loss_is_passed_on()
    {
        var step = new TaskCompletionSource<bool>();
        var next = guard.NextStepAsync(new ValueTask<bool>(step.Task));
        step.SetResult(true);

        Assert.True(await next);
    }

    [Fact]
    public async Task A_stream_step_with_no_item_a_grace_period_after_the_cluster_moved_on_ends_as_a_503_failure()
    {
        var step = new TaskCompletionSource<bool>();
        var next = guard.NextStepAsync(new ValueTask<bool>(step.Task));
        signal.Settle(movedOn: true);
        await Until(() =>
        {
            time.Advance(TimeSpan.FromMilliseconds(500));
            return next.IsCompleted;
        });

        var lost = await Assert.ThrowsAsync<FailureException>(() => next);
        Assert.Equal(FailureCodes.ServiceUnavailable, lost.Failure.Code);
        Assert.NotNull(lost.Failure.RetryAfter);
    }

    [Fact]
    public async Task A_stream_step_that_answers_within_the_grace_period_after_a_loss_carries_on()
    {
        var step = new TaskCompletionSource<bool>();
        var next = guard.NextStepAsync(new ValueTask<bool>(step.Task));
        signal.Settle(movedOn: true);
        time.Advance(SiloLossGuard.StreamGrace - TimeSpan.FromMilliseconds(100));
        step.SetResult(true);

        Assert.True(await next);
    }

    [Fact]
    public async Task A_stream_step_is_left_to_its_own_answer_when_the_loss_was_not_settled()
    {
        var step = new TaskCompletionSource<bool>();
        var next = guard.NextStepAsync(new ValueTask<bool>(step.Task));
        signal.Settle(movedOn: false);
        time.Advance(TimeSpan.FromMinutes(1));
        await Task.Yield();

        Assert.False(next.IsCompleted);
        step.SetResult(false);
        Assert.False(await next);
    }

    private static async Task Until(Func<bool> condition) =>
        Assert.True(await Eventually.ReturnsAsync(() => Task.FromResult(condition()), done => done, TimeSpan.FromSeconds(10)));

    private sealed class FakeSignal : ISiloLossSignal
    {
        private readonly TaskCompletionSource<bool> settlement = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<bool> NextSettlement => settlement.Task;

        public void Settle(bool movedOn) => settlement.SetResult(movedOn);
    }

    /// <summary>The grain calls the guard made, each answered by the test.</summary>
    private sealed class Calls<T>
    {
        private readonly List<TaskCompletionSource<T>> made = [];

        public int Count { get { lock (made) { return made.Count; } } }

        public TaskCompletionSource<T> this[int index] { get { lock (made) { return made[index]; } } }

        public Task<T> Next()
        {
            var call = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (made)
            {
                made.Add(call);
            }
            return call.Task;
        }
    }
}
