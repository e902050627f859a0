using System.Net.Http.Json;
using Bob.Web.Tests.Chat;
using Npgsql;

namespace Bob.Web.Tests.Governance;

/// <summary>With piiRedaction on, a card number, an email and a phone number typed into the widget reach neither the
/// database, nor the logs, nor Mission Control, nor the hosted model: they are masked where the visitor's text enters.</summary>
[Collection(GuardrailsCollection.Name)]
public sealed class PiiRedactionTests(GuardrailsApp app)
{
    private const string Card = "4111 1111 1111 1111";
    private const string Email = "sam.secret-4417@example.com";
    private const string Phone = "+1 415 555 0187";
    private const string NotACard = "1234 5678 9012 3456";

    [Fact]
    public async Task Personal_data_typed_into_the_widget_is_masked_before_the_database_the_logs_mission_control_and_the_hosted_model()
    {
        var tenant = await HostedTenantAsync(piiRedaction: true);
        var session = $"pii-{Guid.NewGuid():N}";
        var requestsBefore = app.Model.Requests.Count;

        var first = await app.WidgetChatAsync(tenant.WidgetKey, session, $"My card is {Card}, mail {Email} or call {Phone}. Order {NotACard}.");
        await app.WidgetChatAsync(tenant.WidgetKey, session, "And when does my parcel arrive?");
        var handoff = await app.Widget(tenant.WidgetKey).PostJsonAsync("/api/widget/handoff",
            new { session_id = session, visitor_token = first["visitor_token"]!.GetValue<string>(), message = $"Please call me on {Phone}" });
        Assert.Equal(200, (int)handoff.StatusCode);

        var prompts = string.Join('\n', app.Model.Requests.Skip(requestsBefore).Select(r => r.Body));
        Assert.Contains("[card]", prompts, StringComparison.Ordinal);
        Assert.Contains("[email]", prompts, StringComparison.Ordinal);
        Assert.Contains(NotACard, prompts, StringComparison.Ordinal);
        var stored = await StoredTextAsync(tenant.TenantId);
        Assert.Contains("[phone]", stored, StringComparison.Ordinal);
        var shown = string.Join('\n', (await app.TurnsAsync(tenant, session)).Select(t => t.Text));
        Assert.Contains("My card is [card], mail [email] or call [phone].", shown, StringComparison.Ordinal);
        var logs = string.Join('\n', app.Logs.Logs.Select(l => l.AllText));
        foreach (var secret in new[] { Card, "4111111111111111", Email, Phone, "555 0187" })
        {
            Assert.DoesNotContain(secret, prompts, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, shown, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task With_redaction_off_the_visitors_words_are_kept_as_written()
    {
        var tenant = await HostedTenantAsync(piiRedaction: false);

        await app.WidgetChatAsync(tenant.WidgetKey, $"pii-{Guid.NewGuid():N}", $"My email is {Email}");

        Assert.Contains(Email, await StoredTextAsync(tenant.TenantId), StringComparison.Ordinal);
    }

    private async Task<TestTenant> HostedTenantAsync(bool piiRedaction)
    {
        var tenant = await app.SignupAsync();
        var engine = await app.Bearer(tenant.Token).PatchAsJsonAsync("/api/tenant/settings", new { assistantEngine = "hosted" });
        Assert.Equal(200, (int)engine.StatusCode);
        await app.PutGovernanceAsync(tenant, GovernanceApi.Document(piiRedaction: piiRedaction));
        return tenant;
    }

    /// <summary>Every stored row of the tenant's conversations and messages, as text.</summary>
    private async Task<string> StoredTextAsync(string tenantId)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT coalesce((SELECT string_agg(m::text, E'\\n') FROM bob_messages m WHERE tenant_id = $1), '') || E'\\n' || " +
            "coalesce((SELECT string_agg(c::text, E'\\n') FROM bob_conversations c WHERE tenant_id = $1), '')", connection);
        command.Parameters.Add(new() { Value = tenantId });
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
