using System.Diagnostics;
using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Tests.Infrastructure;

namespace Bob.Grains.Tests.Caching;

/// <summary>
/// A process's copies of a tenant's turn configuration against a real silo: served while they last, and a change answers
/// only once the copies handed out before it have run out, so the next read after it sees the change.
/// </summary>
public sealed class TenantTurnConfigCopiesTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task A_copy_is_served_while_it_lasts_and_a_change_answers_only_after_it_ran_out()
    {
        var tenant = await NewTenantAsync();
        var copies = new TenantTurnConfigCopies(fixture.Grains);

        var askedAt = Stopwatch.GetTimestamp();
        var first = await copies.GetAsync(tenant);
        var second = await copies.GetAsync(tenant);
        var readWithin = Stopwatch.GetElapsedTime(askedAt);

        Assert.NotNull(first);
        Assert.Equal(TimeSpan.FromSeconds(1), first.KeepFor);
        if (readWithin < first.KeepFor)
        {
            Assert.Same(first, second); // the grain builds a new answer per call: the same one is the copy
        }
        var changed = await fixture.Grains.GetGrain<ITenantGrain>(tenant).UpdateSettingsAsync(publicChat: true, assistantEngine: null);
        var answeredAfter = Stopwatch.GetElapsedTime(askedAt);

        Assert.True(changed.IsSuccess, changed.Failure?.Detail);
        Assert.True(answeredAfter >= first.KeepFor, $"The change answered {answeredAfter} after a copy that lasts {first.KeepFor} was asked for.");
        Assert.False(first.Settings.PublicChat);
        Assert.True((await copies.GetAsync(tenant))!.Settings.PublicChat);
    }

    [Fact]
    public async Task A_missing_tenant_is_not_kept_so_it_is_found_as_soon_as_it_exists()
    {
        var tenant = new TenantId($"late-{Guid.NewGuid():N}"[..20]);
        var copies = new TenantTurnConfigCopies(fixture.Grains);

        Assert.Null(await copies.GetAsync(tenant));
        Assert.True(await fixture.Grains.GetGrain<ITenantGrain>(tenant).CreateAsync(new TenantCreation("Late Co", Plans.Starter, PublicChat: false)));

        Assert.NotNull(await copies.GetAsync(tenant));
        Assert.Equal(1, copies.Count);
    }

    private async Task<TenantId> NewTenantAsync()
    {
        var tenant = new TenantId($"copy-{Guid.NewGuid():N}"[..20]);
        Assert.True(await fixture.Grains.GetGrain<ITenantGrain>(tenant).CreateAsync(new TenantCreation("Copy Co", Plans.Starter, PublicChat: false)));
        return tenant;
    }
}
