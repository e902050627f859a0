using Bob.Grains.Caching;
using Microsoft.Extensions.Time.Testing;

namespace Bob.Grains.Tests.Caching;

/// <summary>A grain's side of the copies it hands out (turn configuration, widget key passes), on a fake clock: a change waits for the last copy handed out before it.</summary>
public sealed class CopiesHandedOutTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_change_with_no_copy_out_is_answered_at_once()
    {
        var copies = new CopiesHandedOut(_time, Lifetime);

        Assert.True(copies.RunOutAsync().IsCompleted);
    }

    [Fact]
    public void A_change_waits_until_the_last_copy_handed_out_before_it_has_run_out()
    {
        var copies = new CopiesHandedOut(_time, Lifetime);
        Assert.Equal(Lifetime, copies.HandOut());
        _time.Advance(TimeSpan.FromMilliseconds(400));
        copies.HandOut();

        var change = copies.RunOutAsync();
        _time.Advance(Lifetime - TimeSpan.FromMilliseconds(1));
        Assert.False(change.IsCompleted);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(change.IsCompleted);
        Assert.True(copies.RunOutAsync().IsCompleted);
    }

    [Fact]
    public void A_new_activation_waits_for_copies_its_predecessor_may_have_handed_out()
    {
        var copies = new CopiesHandedOut(_time, Lifetime);
        copies.AssumeSomeOut();

        var change = copies.RunOutAsync();
        Assert.False(change.IsCompleted);

        _time.Advance(Lifetime);
        Assert.True(change.IsCompleted);
    }

    [Fact]
    public void With_no_lifetime_nothing_is_kept_and_nothing_waits()
    {
        var copies = new CopiesHandedOut(_time, TimeSpan.Zero);

        Assert.Equal(TimeSpan.Zero, copies.HandOut());
        Assert.True(copies.RunOutAsync().IsCompleted);
    }
}
