using Bob.Grains.WidgetKeys;
using Microsoft.Extensions.Time.Testing;

namespace Bob.Grains.Tests.WidgetKeys;

/// <summary>A widget key's one-minute budget as web nodes take it in blocks, on a fake clock.</summary>
public sealed class KeyRequestBudgetTests
{
    private const int KeyPerMinute = 80;
    private const int PerAddress = 16;

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_block_is_an_eighth_of_what_is_left_and_near_the_limit_requests_are_taken_one_by_one()
    {
        var budget = new KeyRequestBudget(_time);
        var taken = new List<int>();

        while (budget.TryTake(null, 100, KeyPerMinute, PerAddress, out var block, out _) == KeyRequestBudget.Verdict.Admitted)
        {
            taken.Add(block);
        }

        Assert.Equal(KeyPerMinute, taken.Sum());
        Assert.Equal(10, taken[0]); // 80 / 8
        Assert.Equal([1, 1, 1, 1, 1, 1, 1, 1], taken.TakeLast(8));
    }

    [Fact]
    public void An_address_gets_exactly_its_share_and_the_key_keeps_the_rest_for_others()
    {
        var budget = new KeyRequestBudget(_time);
        var taken = 0;

        while (budget.TryTake("203.0.113.7", 100, KeyPerMinute, PerAddress, out var block, out _) == KeyRequestBudget.Verdict.Admitted)
        {
            taken += block;
        }

        Assert.Equal(PerAddress, taken);
        Assert.Equal(KeyRequestBudget.Verdict.AddressExhausted, budget.TryTake("203.0.113.7", 1, KeyPerMinute, PerAddress, out _, out var retryAfter));
        Assert.True(retryAfter > TimeSpan.Zero && retryAfter <= TimeSpan.FromMinutes(1));
        Assert.Equal(KeyRequestBudget.Verdict.Admitted, budget.TryTake("198.51.100.2", 1, KeyPerMinute, PerAddress, out _, out _));
    }

    [Fact]
    public void Admits_given_back_in_their_window_can_be_taken_again_and_a_past_windows_are_ignored()
    {
        var budget = new KeyRequestBudget(_time);
        SpendAll(budget);
        var window = budget.CurrentWindow;

        budget.GiveBack(window, null, 3);
        Assert.Equal(3, SpendAll(budget));

        _time.Advance(TimeSpan.FromMinutes(1));
        budget.GiveBack(window, null, 5); // that minute is over: nothing to give back to
        Assert.Equal(KeyPerMinute, SpendAll(budget));
    }

    private static int SpendAll(KeyRequestBudget budget)
    {
        var spent = 0;
        while (budget.TryTake(null, 100, KeyPerMinute, PerAddress, out var block, out _) == KeyRequestBudget.Verdict.Admitted)
        {
            spent += block;
        }
        return spent;
    }
}
