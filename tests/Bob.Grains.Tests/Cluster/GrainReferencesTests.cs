using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Tests.Infrastructure;

namespace Bob.Grains.Tests.Cluster;

/// <summary>The turn path's grain references skip Orleans' per-call interface resolution; they must be the very references
/// Orleans makes, for every key, and reach the same activations.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainReferencesTests(ClusterFixture fixture)
{
    [Fact]
    public void A_reference_is_the_one_Orleans_makes_for_the_same_key_first_time_and_after()
    {
        foreach (var key in new[] { "refs-a/one", "refs-b/two", "refs-a/one" })
        {
            var ours = (GrainReference)(object)fixture.Grains.Reference<IConversationGrain>(key);
            var orleans = (GrainReference)(object)fixture.Grains.GetGrain<IConversationGrain>(key);
            Assert.Equal(orleans.GrainId, ours.GrainId);
            Assert.Equal(orleans.InterfaceType, ours.InterfaceType);
            Assert.Equal(orleans, ours);
        }
    }

    [Fact]
    public void Each_interface_keeps_its_own_grain_type()
    {
        var tenant = fixture.Grains.Reference<ITenantGrain>("refs-tenant");
        var meter = fixture.Grains.Reference<ICreditMeterGrain>("refs-tenant");
        Assert.NotEqual(tenant.GetGrainId().Type, meter.GetGrainId().Type);
        Assert.Equal(fixture.Grains.GetGrain<ICreditMeterGrain>("refs-tenant").GetGrainId(), meter.GetGrainId());
    }

    [Fact]
    public async Task A_reference_reaches_the_activation_Orleans_reference_reaches()
    {
        var tenant = new TenantId($"refs-{Guid.NewGuid():N}"[..20]);
        Assert.True(await fixture.Grains.GetGrain<ITenantGrain>(tenant).CreateAsync(new TenantCreation("Refs Co", Plans.Starter, PublicChat: true)));
        var started = await fixture.Grains.GetConversation(tenant, new ConversationId("c1")).StartAsync(ChatChannel.Public, null, "Hello", null);
        Assert.True(started.IsSuccess, started.Failure?.ToString());
        var seen = await fixture.Grains.GetGrain<IConversationGrain>(GrainKeys.Scoped(tenant, "c1")).GetAsync();
        Assert.Equal("Hello", seen?.Title);
    }

    [Fact]
    public void A_blank_key_is_refused_like_Orleans_refuses_it()
    {
        _ = fixture.Grains.Reference<IConversationGrain>("refs-warm/up");
        Assert.ThrowsAny<ArgumentException>(() => fixture.Grains.Reference<IConversationGrain>(" "));
        Assert.ThrowsAny<ArgumentException>(() => fixture.Grains.GetGrain<IConversationGrain>(" "));
    }
}
