using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.Personas;
using Bob.Grains.Abstractions.Webhooks;
using Bob.Grains.Tests.Infrastructure;
using Bob.Testing;
using Bob.Testing.Webhooks;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;

namespace Bob.Grains.Tests.Webhooks;

/// <summary>Two silos over one database, webhooks allowed to reach a loopback receiver, short timeouts and reminder periods.</summary>
public sealed class WebhookTwoSiloFixture : ClusterFixture
{
    protected override short InitialSilos => 2;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Bob:Webhooks:AllowPrivateNetworks"] = "true",
        ["Bob:Webhooks:Timeout"] = "00:00:01",
        ["Bob:Webhooks:ReminderPeriod"] = "00:00:02",
        ["Bob:Webhooks:SweepInterval"] = "00:00:01",
        ["Bob:Webhooks:RetryDelays:0"] = "00:00:00.200",
        ["Bob:Webhooks:RetryDelays:1"] = "00:00:00.200",
        ["Bob:Webhooks:RetryDelays:2"] = "00:00:00.200",
    };
}

public sealed class SiloLossTests
{
    [Fact]
    public async Task An_event_still_arrives_when_the_silo_delivering_it_is_killed_mid_attempt()
    {
        var fixture = new WebhookTwoSiloFixture();
        await fixture.InitializeAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        try
        {
            var secondary = fixture.Cluster.SecondarySilos[0];
            var management = fixture.Grains.GetGrain<IManagementGrain>(0);
            (TenantId Tenant, WebhookEndpointView Endpoint)? placed = null;
            // Placement decides where an endpoint's grain lives; register until one lands on the silo we can kill
            // (the primary holds the test cluster's membership, so it stays).
            for (var attempt = 0; attempt < 100 && placed is null; attempt++)
            {
                var tenant = new TenantId($"shop-{Guid.NewGuid():N}"[..20]);
                await fixture.Grains.GetGrain<ITenantGrain>(tenant).CreateAsync(new TenantCreation("Shop", "starter", false));
                var created = await fixture.Grains.GetGrain<IWebhookCatalogGrain>(tenant)
                    .CreateAsync(new WebhookEndpointInput(receiver.Url.ToString(), [WebhookEventTypes.PersonaUpdated], null));
                var endpoint = created.Value ?? throw new InvalidOperationException(created.Failure!.Detail);
                if (await management.GetActivationAddress(fixture.Grains.GetGrain<IWebhookEndpointGrain>(WebhookEndpoints.Key(tenant, endpoint.Id))) == secondary.SiloAddress)
                {
                    placed = (tenant, endpoint);
                }
            }
            if (placed is not { } found)
            {
                Assert.Fail("no endpoint grain was placed on the secondary silo in 100 registrations");
                return;
            }
            receiver.Hang();
            var personas = fixture.Grains.GetGrain<IPersonaCatalogGrain>(found.Tenant);
            var persona = await personas.EnsureDefaultAsync();

            // The action, acknowledged; its event's first attempt hangs at the receiver; the delivering silo dies.
            Assert.True((await personas.UpdateAsync(persona.Id, new PersonaInput("Ava", "", "formal", "Be brief."))).IsSuccess);
            var first = Assert.Single(await receiver.WaitAsync(r => r.Count >= 1));
            await fixture.Cluster.KillSiloAsync(secondary);
            receiver.AnswerNext(503); // whatever still reaches the dead silo's request is a failure, not a delivery
            receiver.Release();

            var received = await receiver.WaitAsync(r => r.Count(x => x.Id == first.Id) >= 2, TimeSpan.FromSeconds(60));
            var endpointGrain = fixture.Grains.GetGrain<IWebhookEndpointGrain>(WebhookEndpoints.Key(found.Tenant, found.Endpoint.Id));
            var log = await Eventually.ReturnsAsync(() => endpointGrain.ListDeliveriesAsync(null, 10),
                l => l.Value!.Items.Count == 1 && l.Value.Items[0].Status == WebhookDeliveryStatus.Delivered, TimeSpan.FromSeconds(60));

            Assert.Equal(WebhookDeliveryStatus.Delivered, Assert.Single(log.Value!.Items).Status);
            Assert.True(received.Count(r => r.Id == first.Id) >= 2);
            new StandardWebhook(found.Endpoint.Secret!).Verify(received[^1].Body, received[^1].Headers);
            Assert.Equal("persona.updated", received[^1].Type);
            Assert.Equal(fixture.Cluster.Primary!.SiloAddress, await management.GetActivationAddress(endpointGrain));
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }
}
