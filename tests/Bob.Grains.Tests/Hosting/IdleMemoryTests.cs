using Bob.Grains.Conversations;
using Bob.Grains.Tests.Infrastructure;
using Bob.Silo.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Bob.Grains.Tests.Hosting;

/// <summary>Idle conversations leave memory, and an idle silo gives it back.</summary>
[Collection(ClusterCollection.Name)]
public sealed class IdleMemoryTests(ClusterFixture fixture)
{
    private const long Threshold = 64L * 1024 * 1024;

    [Fact]
    public void An_idle_conversation_is_collected_after_its_own_age_not_orleans_default()
    {
        var silo = ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services;
        var collection = silo.GetRequiredService<IOptions<GrainCollectionOptions>>().Value;

        Assert.Equal(new ConversationOptions().IdleAfter, collection.ClassSpecificCollectionAge[typeof(ConversationGrain).FullName!]);
        Assert.True(collection.ClassSpecificCollectionAge[typeof(ConversationGrain).FullName!] < collection.CollectionAge);
    }

    [Fact]
    public void The_first_check_only_takes_a_reading()
    {
        Assert.False(new IdleTrimPolicy(Threshold).ShouldTrim(1_000));
    }

    [Fact]
    public void A_silo_that_allocated_little_since_the_last_check_is_trimmed_and_a_busy_one_is_not()
    {
        var policy = new IdleTrimPolicy(Threshold);
        policy.ShouldTrim(0);

        Assert.False(policy.ShouldTrim(Threshold * 3));
        Assert.True(policy.ShouldTrim(Threshold * 3 + 1024));
    }

    [Fact]
    public void After_a_trim_the_next_check_counts_from_the_trim()
    {
        var policy = new IdleTrimPolicy(Threshold);
        policy.ShouldTrim(0);
        Assert.True(policy.ShouldTrim(10));

        policy.Trimmed(Threshold * 2);

        Assert.True(policy.ShouldTrim(Threshold * 2 + 10));
    }
}
