using Bob.Grains.Tests.Infrastructure;
using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Governance;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.Knowledge;
using Bob.Grains.Abstractions.Personas;
using Bob.Grains.Abstractions.Webhooks;
using Bob.Testing.Webhooks;
using Npgsql;

namespace Bob.Grains.Tests.Cluster;

/// <summary>
/// Each silo keeps its own copy of a tenant's guardrails, personas, knowledge and webhook subscriptions for its turns. A change made through
/// whichever silo hosts the changed grain applies to the very next turn on both silos: each test first warms a
/// conversation on each silo (so both hold the old copy), changes, and sends the next turn on both.
/// </summary>
public sealed class TurnCacheTwoSiloTests(TwoSiloClusterFixture fixture) : IClassFixture<TwoSiloClusterFixture>
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_handoff_keyword_added_applies_to_the_next_turn_on_both_silos()
    {
        var (tenant, onEachSilo) = await TenantWithAConversationOnEachSiloAsync();
        foreach (var conversation in onEachSilo)
        {
            Assert.Equal(ConversationStatus.Assistant, (await SendAsync(conversation, "Can I get a refund?")).Status);
        }

        var updated = await Grains.GetGrain<IGovernanceGrain>(tenant)
            .UpdateAsync(new GovernanceSettings([], false, ["refund"], CreditPolicies.HardStop, null, false));
        Assert.True(updated.IsSuccess, updated.Failure?.Detail);

        foreach (var conversation in onEachSilo)
        {
            var reply = await SendAsync(conversation, "Can I get a refund?");
            Assert.Equal(ConversationStatus.Waiting, reply.Status);
            Assert.True(reply.Handoff);
        }
    }

    [Fact]
    public async Task A_renamed_persona_answers_under_its_new_name_on_both_silos()
    {
        var (tenant, onEachSilo) = await TenantWithAConversationOnEachSiloAsync();
        var personas = Grains.GetGrain<IPersonaCatalogGrain>(tenant);
        var active = (await personas.ListAsync()).Single(p => p.Active);
        foreach (var conversation in onEachSilo)
        {
            Assert.Equal(active.Name, (await SendAsync(conversation, "Hello?")).Persona.Name);
        }

        Assert.True((await personas.UpdateAsync(active.Id, new PersonaInput("Renamed Ava", "Support", "formal", "Be precise."))).IsSuccess);

        foreach (var conversation in onEachSilo)
        {
            Assert.Equal("Renamed Ava", (await SendAsync(conversation, "Hello again?")).Persona.Name);
        }
    }

    [Fact]
    public async Task An_article_added_is_cited_by_the_next_turn_on_both_silos()
    {
        var (tenant, onEachSilo) = await TenantWithAConversationOnEachSiloAsync();
        foreach (var conversation in onEachSilo)
        {
            Assert.Empty((await SendAsync(conversation, "Do you deliver to Norway?")).Citations);
        }

        Assert.True((await Grains.GetGrain<IKnowledgeBaseGrain>(tenant)
            .CreateAsync(new KnowledgeInput("Delivery to Norway", "We deliver to Norway within five days.", ["norway"]))).IsSuccess);

        foreach (var conversation in onEachSilo)
        {
            Assert.Contains((await SendAsync(conversation, "Do you deliver to Norway?")).Citations, c => c.Title == "Delivery to Norway");
        }
    }

    [Fact]
    public async Task Suspension_refuses_the_next_turn_on_both_silos()
    {
        var (tenant, onEachSilo) = await TenantWithAConversationOnEachSiloAsync();

        Assert.True((await Grains.GetGrain<ITenantGrain>(tenant).SetSuspendedAsync(true)).IsSuccess);

        foreach (var conversation in onEachSilo)
        {
            var refused = await conversation.SendAsync(new ChatTurn(ChatChannel.Widget, "Anyone there?", null, null, TestVisitor.Access));
            Assert.Equal(FailureCodes.TenantSuspended, refused.Failure?.Code);
        }
    }

    [Fact]
    public async Task A_webhook_endpoint_created_gets_the_next_turns_events_on_both_silos_and_once_deleted_no_turn_writes_any()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (tenant, onEachSilo) = await TenantWithAConversationOnEachSiloAsync();
        Assert.Empty(await OutboxMessageIdsAsync(tenant));

        var created = await Grains.GetGrain<IWebhookCatalogGrain>(tenant)
            .CreateAsync(new WebhookEndpointInput(receiver.Url.ToString(), [WebhookEventTypes.MessageCreated], null));
        Assert.True(created.IsSuccess, created.Failure?.Detail);
        var answered = new List<ChatReply>();
        foreach (var conversation in onEachSilo)
        {
            answered.Add(await SendAsync(conversation, "Do you deliver?"));
        }

        var kept = await OutboxMessageIdsAsync(tenant);
        Assert.Equal(2 * onEachSilo.Count, kept.Count); // the visitor's message and the answer, per turn
        Assert.All(answered, reply => Assert.Contains(reply.MessageId, kept));

        var deleted = await Grains.GetGrain<IWebhookEndpointGrain>(WebhookEndpoints.Key(tenant, created.Value!.Id)).DeleteAsync();
        Assert.True(deleted.IsSuccess, deleted.Failure?.Detail);
        foreach (var conversation in onEachSilo)
        {
            await SendAsync(conversation, "Thanks!");
        }

        Assert.Equal(kept, await OutboxMessageIdsAsync(tenant));
    }

    private async Task<List<string>> OutboxMessageIdsAsync(TenantId tenant)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT payload::jsonb -> 'data' ->> 'message_id' FROM bob_webhook_events WHERE tenant_id = $1 AND type = $2 ORDER BY 1", connection);
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = WebhookEventTypes.MessageCreated });
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    private static async Task<ChatReply> SendAsync(IConversationGrain conversation, string message)
    {
        var reply = await conversation.SendAsync(new ChatTurn(ChatChannel.Widget, message, null, null, TestVisitor.Access));
        Assert.True(reply.IsSuccess, reply.Failure?.Detail);
        return reply.Value!;
    }

    /// <summary>A new tenant and one answered conversation on each silo.</summary>
    private async Task<(TenantId Tenant, IReadOnlyList<IConversationGrain> OnEachSilo)> TenantWithAConversationOnEachSiloAsync()
    {
        var tenant = new TenantId($"cache-{Guid.NewGuid():N}"[..20]);
        Assert.True(await Grains.GetGrain<ITenantGrain>(tenant).CreateAsync(new TenantCreation("Cache Co", Plans.Starter, PublicChat: false)));
        var onEachSilo = await fixture.ConversationsOnBothSilosAsync(tenant, perSilo: 1, idPrefix: "placed-");
        foreach (var conversation in onEachSilo)
        {
            await SendAsync(conversation, "Hi");
        }
        return (tenant, onEachSilo);
    }
}
