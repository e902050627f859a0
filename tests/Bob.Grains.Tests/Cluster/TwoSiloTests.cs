using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.Personas;
using Bob.Grains.Tests.Infrastructure;
using Bob.Testing;
using Orleans.TestingHost;

namespace Bob.Grains.Tests.Cluster;

/// <summary>A cluster of two silos; each test owns one, because it stops a silo.</summary>
public sealed class TwoSiloClusterFixture : ClusterFixture
{
    protected override short InitialSilos => 2;

    /// <summary>Webhooks may reach a loopback receiver (the turn cache's webhook test registers one).</summary>
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Bob:Webhooks:AllowPrivateNetworks"] = "true",
    };

    /// <summary>
    /// Conversations activated on each of the two silos. Resource-optimized placement (Orleans' default) may put a burst
    /// of new activations on one silo, so a test would not cross silos by chance: conversations are activated with a read
    /// (which stores nothing) until each silo hosts <paramref name="perSilo"/> of them.
    /// </summary>
    public async Task<List<IConversationGrain>> ConversationsOnBothSilosAsync(TenantId tenant, int perSilo, string idPrefix)
    {
        var management = Grains.GetGrain<IManagementGrain>(0);
        var bySilo = new Dictionary<SiloAddress, List<IConversationGrain>>();
        for (var i = 0; i < 2_000 && (bySilo.Count < 2 || bySilo.Values.Any(s => s.Count < perSilo)); i++)
        {
            var conversation = Grains.GetConversation(tenant, new ConversationId($"{idPrefix}{i}"));
            await conversation.GetAsync();
            var host = await management.GetActivationAddress(conversation);
            if (host is null)
            {
                continue;
            }
            if (!bySilo.TryGetValue(host, out var onHost))
            {
                bySilo[host] = onHost = [];
            }
            if (onHost.Count < perSilo)
            {
                onHost.Add(conversation);
            }
        }
        Assert.True(bySilo.Count == 2 && bySilo.Values.All(s => s.Count == perSilo),
            $"placement put conversations on {bySilo.Count} silo(s): {string.Join(", ", bySilo.Values.Select(s => s.Count))}");
        return [.. bySilo.Values.SelectMany(s => s)];
    }
}

public sealed class TwoSiloTests
{
    private const string Password = "a-long-password";

    [Fact]
    public async Task Cluster_keeps_answering_after_a_secondary_silo_stops()
    {
        var fixture = new TwoSiloClusterFixture();
        await fixture.InitializeAsync();
        try
        {
            var (email, tenantId, before) = await SignupAsync(fixture);

            await fixture.Cluster.StopSiloAsync(fixture.Cluster.SecondarySilos[0]);

            Assert.Single(fixture.Cluster.GetActiveSilos());
            await AssertStillServedAsync(fixture, email, tenantId, before);
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    [Fact]
    public async Task State_survives_stopping_the_silo_that_hosts_its_activation()
    {
        var fixture = new TwoSiloClusterFixture();
        await fixture.InitializeAsync();
        try
        {
            var secondary = fixture.Cluster.SecondarySilos[0];
            var management = fixture.Grains.GetGrain<IManagementGrain>(0);
            (string Email, string TenantId, IReadOnlyList<PersonaView> Personas)? hosted = null;
            // Placement decides where a tenant's catalog lives; sign up until one lands on the silo we can stop
            // (the primary also holds the test cluster's membership, so it must stay).
            for (var attempt = 0; attempt < 100 && hosted is null; attempt++)
            {
                var candidate = await SignupAsync(fixture);
                var host = await management.GetActivationAddress(fixture.Grains.GetGrain<IPersonaCatalogGrain>(candidate.TenantId));
                if (host == secondary.SiloAddress)
                {
                    hosted = candidate;
                }
            }
            if (hosted is not { } found)
            {
                Assert.Fail("no tenant's persona catalog was placed on the secondary silo in 100 signups");
                return;
            }

            await fixture.Cluster.StopSiloAsync(secondary);

            Assert.Single(fixture.Cluster.GetActiveSilos());
            await AssertStillServedAsync(fixture, found.Email, found.TenantId, found.Personas);
            var newHost = await management.GetActivationAddress(fixture.Grains.GetGrain<IPersonaCatalogGrain>(found.TenantId));
            Assert.Equal(fixture.Cluster.Primary!.SiloAddress, newHost);
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    private static async Task<(string Email, string TenantId, IReadOnlyList<PersonaView> Personas)> SignupAsync(ClusterFixture fixture)
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var signup = await fixture.Grains.GetGrain<IAccountsGrain>(0).SignupAsync(new SignupRequest("Two Silo Co", email, Password, null));
        Assert.True(signup.IsSuccess);
        var tenantId = signup.Value!.Tenant.Id;
        var personas = fixture.Grains.GetGrain<IPersonaCatalogGrain>(tenantId);
        Assert.True((await personas.CreateAsync(new PersonaInput("Ava", "Support", "formal", "Be precise."))).IsSuccess);
        return (email, tenantId, await personas.ListAsync());
    }

    private static async Task AssertStillServedAsync(ClusterFixture fixture, string email, string tenantId, IReadOnlyList<PersonaView> before)
    {
        // The client may first have to notice its gateway left; after that every call must succeed.
        var login = await Eventually.ReturnsAsync(() => fixture.Grains.GetGrain<IAccountsGrain>(0).LoginAsync(email, Password, "203.0.113.7"), r => r.IsSuccess);
        Assert.True(login.IsSuccess, login.Failure?.Code);
        Assert.Equal(tenantId, login.Value!.User.TenantId);
        Assert.NotNull(await fixture.Grains.GetGrain<IAccessTokenGrain>(AccessTokens.KeyOf(login.Value.Token)).AuthenticateAsync());

        var after = await fixture.Grains.GetGrain<IPersonaCatalogGrain>(tenantId).ListAsync();
        Assert.Equal(before.OrderBy(p => p.Id).Select(p => (p.Id, p.Name, p.Version, p.Active)), after.OrderBy(p => p.Id).Select(p => (p.Id, p.Name, p.Version, p.Active)));
        Assert.Equal(2, after.Count);
    }
}
