using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bob.Web.Tests.Audit;

namespace Bob.Web.Tests.Governance;

/// <summary>GET/PUT /api/governance: the document, its validation (nothing stored on refusal), its audit entry and who may use it.</summary>
[Collection(GuardrailsCollection.Name)]
public sealed class GovernanceApiTests(GuardrailsApp app)
{
    [Fact]
    public async Task A_new_tenant_redacts_personal_data_and_has_no_other_guardrails_hard_stop_no_retention_and_public_chat_off()
    {
        var tenant = await app.SignupAsync();

        var governance = await app.GovernanceAsync(tenant);

        Assert.Empty(governance["blockedTopics"]!.AsArray());
        Assert.True(governance["piiRedaction"]!.GetValue<bool>());
        Assert.Empty(governance["handoffKeywords"]!.AsArray());
        Assert.Equal("hard_stop", governance["creditPolicy"]!.GetValue<string>());
        Assert.Null(governance["retentionDays"]);
        Assert.False(governance["publicChat"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_put_replaces_the_document_trimmed_and_deduplicated_and_the_tenant_sees_its_credit_policy()
    {
        var tenant = await app.SignupAsync();

        var stored = await app.PutGovernanceAsync(tenant, GovernanceApi.Document(piiRedaction: true, blockedTopics: [" politics ", "Politics", "competitors"],
            handoffKeywords: ["refund"], creditPolicy: "overage", retentionDays: 90, publicChat: true));

        Assert.Equal(stored.ToJsonString(), (await app.GovernanceAsync(tenant)).ToJsonString());
        Assert.Equal(["politics", "competitors"], stored["blockedTopics"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(90, stored["retentionDays"]!.GetValue<int>());
        var settings = await (await app.Bearer(tenant.Token).GetAsync("/api/tenant/settings")).JsonAsync();
        Assert.Equal("overage", settings["creditPolicy"]!.GetValue<string>());
        Assert.True(settings["publicChat"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_change_is_one_audit_entry_with_before_and_after_and_the_same_document_again_is_none()
    {
        var tenant = await app.SignupAsync();
        var before = await app.LastAuditIdAsync(tenant);
        var document = GovernanceApi.Document(piiRedaction: false, blockedTopics: ["politics"], creditPolicy: "overage");

        await app.PutGovernanceAsync(tenant, document);
        await app.PutGovernanceAsync(tenant, document);

        var entry = Assert.Single(await app.AuditEntriesAsync(tenant.Token), e => e.Id() > before);
        Assert.Equal("governance.updated", entry.Action());
        Assert.Equal(tenant.OwnerId, entry.ActorId());
        Assert.Equal(tenant.TenantId, entry.TargetId());
        Assert.True(entry["before"]!["piiRedaction"]!.GetValue<bool>());
        Assert.Equal("hard_stop", entry["before"]!["creditPolicy"]!.GetValue<string>());
        Assert.False(entry["after"]!["piiRedaction"]!.GetValue<bool>());
        Assert.Equal("overage", entry["after"]!["creditPolicy"]!.GetValue<string>());
        Assert.Equal("politics", entry["after"]!["blockedTopics"]![0]!.GetValue<string>());
    }

    public static TheoryData<string, string> BadDocuments => new()
    {
        { """{"blockedTopics":[],"piiRedaction":true,"handoffKeywords":[],"creditPolicy":"sometimes","publicChat":true}""", "creditPolicy" },
        { """{"blockedTopics":[],"piiRedaction":true,"handoffKeywords":[],"creditPolicy":"overage","retentionDays":30,"publicChat":true}""", "retentionDays" },
        { """{"blockedTopics":[],"piiRedaction":true,"handoffKeywords":[],"creditPolicy":"overage","retentionDays":3651,"publicChat":true}""", "retentionDays" },
        { """{"blockedTopics":["ok",""],"piiRedaction":true,"handoffKeywords":[],"creditPolicy":"overage","publicChat":true}""", "blockedTopics" },
        { """{"blockedTopics":["   "],"piiRedaction":true,"handoffKeywords":[],"creditPolicy":"overage","publicChat":true}""", "blockedTopics" },
        { $$"""{"blockedTopics":[],"piiRedaction":true,"handoffKeywords":["{{new string('x', 101)}}"],"creditPolicy":"overage","publicChat":true}""", "handoffKeywords" },
        { $$"""{"blockedTopics":[{{string.Join(',', Enumerable.Range(0, 51).Select(i => $"\"topic {i}\""))}}],"piiRedaction":true,"handoffKeywords":[],"creditPolicy":"overage","publicChat":true}""", "blockedTopics" },
        { """{"piiRedaction":true,"handoffKeywords":[],"creditPolicy":"overage","publicChat":true}""", "blockedTopics" },
        { """{"blockedTopics":[],"handoffKeywords":[],"creditPolicy":"overage","publicChat":true}""", "piiRedaction" },
        { """{"blockedTopics":[],"piiRedaction":true,"handoffKeywords":[],"publicChat":true}""", "creditPolicy" },
        { """{"blockedTopics":[],"piiRedaction":true,"handoffKeywords":[],"creditPolicy":"overage"}""", "publicChat" },
    };

    [Theory]
    [MemberData(nameof(BadDocuments))]
    public async Task A_bad_document_is_a_validation_problem_naming_the_field_and_nothing_is_stored(string json, string field)
    {
        var tenant = await app.SignupAsync();
        var governance = (await app.GovernanceAsync(tenant)).ToJsonString();
        var lastEntry = await app.LastAuditIdAsync(tenant);

        var response = await app.Bearer(tenant.Token).PutAsync("/api/governance", ApiClient.RawJson(json));

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]![field]);
        Assert.Equal(governance, (await app.GovernanceAsync(tenant)).ToJsonString());
        Assert.Equal(lastEntry, await app.LastAuditIdAsync(tenant));
        var settings = await (await app.Bearer(tenant.Token).GetAsync("/api/tenant/settings")).JsonAsync();
        Assert.Equal("hard_stop", settings["creditPolicy"]!.GetValue<string>());
        Assert.False(settings["publicChat"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused()
    {
        var tenant = await app.SignupAsync();

        var response = await app.Bearer(tenant.Token).PutAsync("/api/governance", ApiClient.RawJson("{\"blockedTopics\": [1,"));

        Assert.Equal(400, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("viewer")]
    [InlineData("agent")]
    public async Task Viewers_and_agents_may_neither_read_nor_change_governance(string role)
    {
        var tenant = await app.SignupAsync();
        var member = app.Bearer((await app.AddMemberAsync(tenant, role))["token"]!.GetValue<string>());

        await (await member.GetAsync("/api/governance")).AssertProblemAsync(403, "forbidden");
        await (await member.PutAsJsonAsync("/api/governance", GovernanceApi.Document(piiRedaction: false))).AssertProblemAsync(403, "forbidden");

        Assert.True((await app.GovernanceAsync(tenant))["piiRedaction"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Without_a_login_governance_is_refused()
    {
        await (await app.CreateClient().GetAsync("/api/governance")).AssertProblemAsync(401, "unauthenticated");
    }

    [Fact]
    public async Task Another_tenants_admin_changes_only_their_own_governance()
    {
        var tenant = await app.SignupAsync();
        var other = await app.SignupAsync();

        await app.PutGovernanceAsync(other, GovernanceApi.Document(piiRedaction: false, blockedTopics: ["politics"], publicChat: true));

        var mine = await app.GovernanceAsync(tenant);
        Assert.True(mine["piiRedaction"]!.GetValue<bool>());
        Assert.Empty(mine["blockedTopics"]!.AsArray());
    }

    [Fact]
    public async Task Public_chat_set_through_the_tenant_settings_alias_shows_in_governance_and_is_audited_the_same_way()
    {
        var tenant = await app.SignupAsync();
        var before = await app.LastAuditIdAsync(tenant);

        var patched = await app.Bearer(tenant.Token).PatchAsJsonAsync("/api/tenant/settings", new { publicChat = true });

        Assert.Equal(200, (int)patched.StatusCode);
        Assert.True((await patched.JsonAsync())["publicChat"]!.GetValue<bool>());
        Assert.True((await app.GovernanceAsync(tenant))["publicChat"]!.GetValue<bool>());
        var entry = Assert.Single(await app.AuditEntriesAsync(tenant.Token), e => e.Id() > before);
        Assert.Equal("governance.updated", entry.Action());
        Assert.False(entry["before"]!["publicChat"]!.GetValue<bool>());
        Assert.True(entry["after"]!["publicChat"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Public_chat_set_through_governance_shows_in_tenant_settings_and_opens_the_public_path()
    {
        var tenant = await app.SignupAsync();
        var closed = await app.CreateClient().PostAsJsonAsync("/api/chat", new { message = "hello there", business_id = tenant.TenantId });
        await closed.AssertProblemAsync(403, "public_chat_disabled");

        await app.PutGovernanceAsync(tenant, GovernanceApi.Document(publicChat: true));

        var settings = await (await app.Bearer(tenant.Token).GetAsync("/api/tenant/settings")).JsonAsync();
        Assert.True(settings["publicChat"]!.GetValue<bool>());
        var open = await app.CreateClient().PostAsJsonAsync("/api/chat", new { message = "hello there", business_id = tenant.TenantId });
        Assert.Equal(200, (int)open.StatusCode);
    }

    [Fact]
    public async Task The_alias_refuses_an_unknown_engine_before_storing_public_chat()
    {
        var tenant = await app.SignupAsync();

        var response = await app.Bearer(tenant.Token).PatchAsJsonAsync("/api/tenant/settings", new { publicChat = true, assistantEngine = "gpt-9000" });

        await response.AssertProblemAsync(400, "validation_failed");
        Assert.False((await app.GovernanceAsync(tenant))["publicChat"]!.GetValue<bool>());
    }
}
