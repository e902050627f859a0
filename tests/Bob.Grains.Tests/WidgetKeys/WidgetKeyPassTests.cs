using System.Diagnostics;
using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.WidgetKeys;
using Bob.Grains.Tests.Infrastructure;

namespace Bob.Grains.Tests.WidgetKeys;

/// <summary>
/// A widget key hands web nodes passes (a block of its budget, kept for a second) and answers a revocation or a new
/// binding only once the passes handed out before it have run out, so the next request after either meets the change.
/// </summary>
public sealed class WidgetKeyPassTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private const string Origin = "https://shop.example";

    [Fact]
    public async Task A_revocation_answers_only_after_the_passes_handed_out_before_it_ran_out_and_the_next_pass_is_refused()
    {
        var (catalog, key) = await KeyAsync();
        var askedAt = Stopwatch.GetTimestamp();
        var pass = await Grain(key).TakePassAsync(Origin, "203.0.113.7", 100, null);
        Assert.True(pass.Binding.IsSuccess, pass.Binding.Failure?.Detail);
        Assert.True(pass.Admits >= 1);
        Assert.Equal(TimeSpan.FromSeconds(1), pass.KeepFor);

        Assert.True((await catalog.RevokeAsync(key.Id)).IsSuccess);
        var answeredAfter = Stopwatch.GetElapsedTime(askedAt);

        Assert.True(answeredAfter >= pass.KeepFor, $"The revocation answered {answeredAfter} after a pass that lasts {pass.KeepFor} was asked for.");
        var refused = await Grain(key).TakePassAsync(Origin, "203.0.113.7", 100, null);
        Assert.Equal(FailureCodes.InvalidWidgetKey, refused.Binding.Failure?.Code);
        Assert.Equal(0, refused.Admits);
    }

    [Fact]
    public async Task A_pass_for_an_origin_off_the_allow_list_is_refused_and_takes_nothing()
    {
        var (_, key) = await KeyAsync();

        var refused = await Grain(key).TakePassAsync("https://elsewhere.example", "203.0.113.7", 100, null);

        Assert.Equal(FailureCodes.OriginNotAllowed, refused.Binding.Failure?.Code);
        Assert.Equal((0, TimeSpan.Zero), (refused.Admits, refused.KeepFor));
    }

    [Fact]
    public async Task Admits_a_node_gives_back_are_handed_out_again()
    {
        var (_, key) = await KeyAsync();
        var first = await Grain(key).TakePassAsync(Origin, "198.51.100.9", 100, null);

        var second = await Grain(key).TakePassAsync(Origin, "198.51.100.9", 100, new UnusedAdmits(first.Window, first.Admits - 1));

        // The address's share (30 a minute by default) is taken in eighths of what is left: given back, the same block comes again.
        Assert.Equal(first.Admits, second.Admits);
        Assert.Equal(first.Window, second.Window);
    }

    private IWidgetKeyGrain Grain(WidgetKeyView key) => fixture.Grains.GetGrain<IWidgetKeyGrain>(key.Key);

    private async Task<(IWidgetKeyCatalogGrain Catalog, WidgetKeyView Key)> KeyAsync()
    {
        var tenant = new TenantId($"pass-{Guid.NewGuid():N}"[..20]);
        Assert.True(await fixture.Grains.GetGrain<ITenantGrain>(tenant).CreateAsync(new TenantCreation("Pass Co", Plans.Starter, PublicChat: false)));
        var catalog = fixture.Grains.GetGrain<IWidgetKeyCatalogGrain>(tenant.Value);
        var created = await catalog.CreateAsync(new WidgetKeyInput("Shop", [Origin]));
        Assert.True(created.IsSuccess, created.Failure?.Detail);
        return (catalog, created.Value!);
    }
}
