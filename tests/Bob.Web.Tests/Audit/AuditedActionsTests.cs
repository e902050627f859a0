using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bob.Web.Tests.Chat;

namespace Bob.Web.Tests.Audit;

/// <summary>Every audited action adds exactly one entry (and a refused one none), naming the actor and the target.</summary>
public sealed class AuditedActionsTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    [Fact]
    public async Task Persona_changes_are_one_entry_each()
    {
        var tenant = await app.SignupAsync();
        var owner = app.Bearer(tenant.Token);
        var body = new { name = "Ada", description = "Helps", tone = "formal", systemPrompt = "A secret-ish prompt" };

        var created = await OneEntryAsync(tenant, "persona.created", async () => await (await owner.PostAsJsonAsync("/api/personas", body)).JsonAsync());
        var id = created.Result["id"]!.GetValue<string>();
        Assert.Equal(id, created.Entry.TargetId());
        Assert.Equal("Ada", created.Entry["after"]!["name"]!.GetValue<string>());
        Assert.DoesNotContain("secret-ish", created.Entry.ToJsonString(), StringComparison.Ordinal);

        var updated = await OneEntryAsync(tenant, "persona.updated", () => owner.PutAsJsonAsync($"/api/personas/{id}", body with { name = "Ada Two" }));
        Assert.Equal("Ada", updated.Entry["before"]!["name"]!.GetValue<string>());
        Assert.Equal("Ada Two", updated.Entry["after"]!["name"]!.GetValue<string>());
        await OneEntryAsync(tenant, "persona.activated", () => owner.PostAsync($"/api/personas/{id}/activate", null));
        await NoEntryAsync(tenant, () => owner.PostAsync($"/api/personas/{id}/activate", null));
        var first = (await (await owner.GetAsync("/api/personas")).Content.ReadFromJsonAsync<JsonArray>())!
            .Single(p => p!["id"]!.GetValue<string>() != id)!["id"]!.GetValue<string>();
        await OneEntryAsync(tenant, "persona.deleted", () => owner.DeleteAsync($"/api/personas/{first}"));
    }

    [Fact]
    public async Task Refused_changes_leave_no_entry()
    {
        var tenant = await app.SignupAsync();
        var owner = app.Bearer(tenant.Token);
        var viewer = await app.AddMemberAsync(tenant, "viewer");

        await NoEntryAsync(tenant, () => owner.PostAsJsonAsync("/api/personas", new { name = "", tone = "grumpy" }));
        await NoEntryAsync(tenant, () => owner.PutAsJsonAsync("/api/knowledge/kb_nope", new { title = "t", content = "c" }));
        await NoEntryAsync(tenant, () => app.Bearer(viewer["token"]!.GetValue<string>()).PostAsJsonAsync("/api/knowledge", new { title = "t", content = "c" }));
    }

    [Fact]
    public async Task Knowledge_changes_are_one_entry_each()
    {
        var tenant = await app.SignupAsync();
        var owner = app.Bearer(tenant.Token);

        var created = await OneEntryAsync(tenant, "knowledge.created", async () =>
            await (await owner.PostAsJsonAsync("/api/knowledge", new { title = "Returns", content = "Thirty days.", tags = new[] { "policy" } })).JsonAsync());
        var id = created.Result["id"]!.GetValue<string>();
        Assert.Equal(12, created.Entry["after"]!["contentLength"]!.GetValue<int>());
        await OneEntryAsync(tenant, "knowledge.updated", () => owner.PutAsJsonAsync($"/api/knowledge/{id}", new { title = "Returns", content = "Sixty days." }));
        await OneEntryAsync(tenant, "knowledge.deleted", () => owner.DeleteAsync($"/api/knowledge/{id}"));
    }

    [Fact]
    public async Task Widget_key_changes_are_one_entry_each_and_never_hold_a_key_value()
    {
        var tenant = await app.SignupAsync();
        var owner = app.Bearer(tenant.Token);

        var created = await OneEntryAsync(tenant, "widget_key.created", async () =>
            await (await owner.PostAsJsonAsync("/api/widget-keys", new { name = "Blog", allowedOrigins = new[] { "https://blog.example.com" } })).JsonAsync());
        var id = created.Result["id"]!.GetValue<string>();
        await OneEntryAsync(tenant, "widget_key.updated", () => owner.PatchAsJsonAsync($"/api/widget-keys/{id}", new { name = "Blog 2" }));
        var rotated = await OneEntryAsync(tenant, "widget_key.rotated", async () => await (await owner.PostAsync($"/api/widget-keys/{id}/rotate", null)).JsonAsync());
        await OneEntryAsync(tenant, "widget_key.revoked", () => owner.DeleteAsync($"/api/widget-keys/{id}"));

        var log = string.Join('\n', (await app.AuditEntriesAsync(tenant.Token)).Select(e => e.ToJsonString()));
        Assert.DoesNotContain(created.Result["key"]!.GetValue<string>(), log, StringComparison.Ordinal);
        Assert.DoesNotContain(rotated.Result["key"]!.GetValue<string>(), log, StringComparison.Ordinal);
        Assert.DoesNotContain(tenant.WidgetKey, log, StringComparison.Ordinal);
        Assert.DoesNotContain("pk_live_", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Team_changes_are_one_entry_each()
    {
        var tenant = await app.SignupAsync();
        var owner = app.Bearer(tenant.Token);
        var email = $"agent-{Guid.NewGuid():N}@example.com";

        var invited = await OneEntryAsync(tenant, "team.invited", async () => await (await owner.PostAsJsonAsync("/api/team/invitations", new { email, role = "agent" })).JsonAsync());
        Assert.DoesNotContain(invited.Result["inviteToken"]!.GetValue<string>(), invited.Entry.ToJsonString(), StringComparison.Ordinal);
        var joined = await OneEntryAsync(tenant, "team.joined", async () =>
            await (await app.CreateClient().PostAsJsonAsync("/api/auth/accept-invitation", new { token = invited.Result["inviteToken"]!.GetValue<string>(), password = ApiClient.Password })).JsonAsync());
        var userId = joined.Result["user"]!["id"]!.GetValue<string>();
        Assert.Equal(userId, joined.Entry.ActorId());
        Assert.Equal(userId, joined.Entry.TargetId());
        var changed = await OneEntryAsync(tenant, "team.role_changed", () => owner.PutAsJsonAsync($"/api/team/{userId}", new { role = "viewer" }));
        Assert.Equal("agent", changed.Entry["before"]!["role"]!.GetValue<string>());
        Assert.Equal("viewer", changed.Entry["after"]!["role"]!.GetValue<string>());
        Assert.Equal(tenant.OwnerId, changed.Entry.ActorId());
        await NoEntryAsync(tenant, () => owner.PutAsJsonAsync($"/api/team/{userId}", new { role = "viewer" }));
        await OneEntryAsync(tenant, "team.removed", () => owner.DeleteAsync($"/api/team/{userId}"));
    }

    [Fact]
    public async Task Takeover_release_and_a_reply_that_takes_over_are_one_entry_each()
    {
        var tenant = await app.SignupAsync();
        var owner = app.Bearer(tenant.Token);
        var session = $"audit-{Guid.NewGuid():N}";
        await NoEntryAsync(tenant, () => app.WidgetChatAsync(tenant.WidgetKey, session, "Hello there"));

        var takeover = await OneEntryAsync(tenant, "conversation.taken_over", () => owner.PostAsync($"/api/chat/sessions/{session}/takeover", null));
        Assert.Equal(session, takeover.Entry.TargetId());
        Assert.Equal("assistant", takeover.Entry["before"]!["status"]!.GetValue<string>());
        Assert.Equal("human", takeover.Entry["after"]!["status"]!.GetValue<string>());
        await NoEntryAsync(tenant, () => owner.PostAsync($"/api/chat/sessions/{session}/takeover", null));
        await NoEntryAsync(tenant, () => owner.PostAsJsonAsync($"/api/chat/sessions/{session}/reply", new { message = "Hi, Sam here." }));
        await OneEntryAsync(tenant, "conversation.released", () => owner.PostAsync($"/api/chat/sessions/{session}/release", null));
        await OneEntryAsync(tenant, "conversation.taken_over", () => owner.PostAsJsonAsync($"/api/chat/sessions/{session}/reply", new { message = "Back again." }));
    }

    private async Task<(T Result, JsonObject Entry)> OneEntryAsync<T>(TestTenant tenant, string action, Func<Task<T>> act)
    {
        var before = await app.LastAuditIdAsync(tenant.Token);
        var result = await act();
        if (result is HttpResponseMessage response)
        {
            Assert.True(response.IsSuccessStatusCode, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        var added = await app.AuditEntriesAsync(tenant.Token);
        var entry = Assert.Single(added, e => e.Id() > before);
        Assert.Equal(action, entry.Action());
        return (result, entry);
    }

    private async Task NoEntryAsync<T>(TestTenant tenant, Func<Task<T>> act)
    {
        var before = await app.LastAuditIdAsync(tenant.Token);
        await act();
        Assert.Equal(before, await app.LastAuditIdAsync(tenant.Token));
    }
}
