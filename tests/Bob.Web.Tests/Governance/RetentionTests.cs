using Bob.Grains.Abstractions.Governance;
using Bob.Web.Tests.Chat;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bob.Web.Tests.Governance;

/// <summary>Retention deletes whole conversations idle past the tenant's retention, and nothing else; the reminder follows the setting.</summary>
[Collection(GuardrailsCollection.Name)]
public sealed class RetentionTests(GuardrailsApp app)
{
    private IGrainFactory Grains => app.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task A_sweep_deletes_only_the_conversations_idle_longer_than_the_retention_of_this_tenant()
    {
        var tenant = await app.SignupAsync();
        var other = await app.SignupAsync();
        await app.PutGovernanceAsync(tenant, GovernanceApi.Document(retentionDays: 31));
        await app.PutGovernanceAsync(other, GovernanceApi.Document(retentionDays: 31));
        var old = await ConversationAsync(tenant);
        var recent = await ConversationAsync(tenant);
        var longRunning = await ConversationAsync(tenant);
        var othersOld = await ConversationAsync(other);
        await AgeAsync(tenant.TenantId, old, days: 40);
        await AgeAsync(tenant.TenantId, longRunning, days: 40, firstMessageOnly: true);
        await AgeAsync(other.TenantId, othersOld, days: 40);
        var auditBefore = await app.LastAuditIdAsync(tenant);

        var sweep = await Grains.GetGrain<IRetentionGrain>(tenant.TenantId).SweepAsync();

        Assert.Equal(new RetentionSweep(1, 2), sweep);
        Assert.Equal(0, await CountAsync(tenant.TenantId, old));
        Assert.Equal(2, await CountAsync(tenant.TenantId, recent));
        Assert.Equal(2, await CountAsync(tenant.TenantId, longRunning));
        Assert.Equal(2, await CountAsync(other.TenantId, othersOld));
        Assert.False(await ConversationRowExistsAsync(tenant.TenantId, old));
        Assert.True(await ConversationRowExistsAsync(tenant.TenantId, recent));
        Assert.Equal(auditBefore, await app.LastAuditIdAsync(tenant));
        Assert.Equal(new RetentionSweep(0, 0), await Grains.GetGrain<IRetentionGrain>(tenant.TenantId).SweepAsync());
    }

    [Fact]
    public async Task Without_a_retention_a_sweep_deletes_nothing()
    {
        var tenant = await app.SignupAsync();
        var old = await ConversationAsync(tenant);
        await AgeAsync(tenant.TenantId, old, days: 4000);

        Assert.Equal(new RetentionSweep(0, 0), await Grains.GetGrain<IRetentionGrain>(tenant.TenantId).SweepAsync());
        Assert.Equal(2, await CountAsync(tenant.TenantId, old));
    }

    [Fact]
    public async Task Setting_a_retention_starts_the_reminder_and_clearing_it_stops_it()
    {
        var tenant = await app.SignupAsync();
        var retention = Grains.GetGrain<IRetentionGrain>(tenant.TenantId);
        Assert.False(await retention.IsScheduledAsync());

        await app.PutGovernanceAsync(tenant, GovernanceApi.Document(retentionDays: 365));
        Assert.True(await retention.IsScheduledAsync());

        await app.PutGovernanceAsync(tenant, GovernanceApi.Document(retentionDays: null));
        Assert.False(await retention.IsScheduledAsync());
    }

    private async Task<string> ConversationAsync(TestTenant tenant)
    {
        var session = $"ret-{Guid.NewGuid():N}";
        await app.WidgetChatAsync(tenant.WidgetKey, session, "When does my parcel arrive?");
        return session;
    }

    private async Task AgeAsync(string tenantId, string session, int days, bool firstMessageOnly = false)
    {
        await using var connection = await OpenAsync();
        await using var messages = new NpgsqlCommand(
            "UPDATE bob_messages SET created_at = created_at - make_interval(days => $3) WHERE tenant_id = $1 AND session_id = $2" +
            (firstMessageOnly ? " AND seq = 1" : ""), connection);
        messages.Parameters.Add(new() { Value = tenantId });
        messages.Parameters.Add(new() { Value = session });
        messages.Parameters.Add(new() { Value = days });
        await messages.ExecuteNonQueryAsync();
        if (!firstMessageOnly)
        {
            await using var row = new NpgsqlCommand(
                "UPDATE bob_conversations SET started_at = started_at - make_interval(days => $3), last_message_at = last_message_at - make_interval(days => $3) " +
                "WHERE tenant_id = $1 AND session_id = $2", connection);
            row.Parameters.Add(new() { Value = tenantId });
            row.Parameters.Add(new() { Value = session });
            row.Parameters.Add(new() { Value = days });
            await row.ExecuteNonQueryAsync();
        }
    }

    private async Task<long> CountAsync(string tenantId, string session)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM bob_messages WHERE tenant_id = $1 AND session_id = $2", connection);
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = session });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<bool> ConversationRowExistsAsync(string tenantId, string session)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM bob_conversations WHERE tenant_id = $1 AND session_id = $2", connection);
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = session });
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
