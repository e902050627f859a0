using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bob.Web.Tests.Chat;

namespace Bob.Web.Tests.Management;

/// <summary>Personas (versions, activation, deletion rules) and widget keys (format, origins, embed code).</summary>
public sealed class PersonasAndWidgetKeysTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    private static object Persona(string name = "Ava", string tone = "formal", string systemPrompt = "Be precise.", string description = "Support") =>
        new { name, description, tone, systemPrompt };

    private async Task<JsonArray> PersonasAsync(TestTenant tenant) =>
        (await (await app.Bearer(tenant.Token).GetAsync("/api/personas")).Content.ReadFromJsonAsync<JsonArray>())!;

    [Fact]
    public async Task Signup_creates_an_active_default_persona()
    {
        var tenant = await app.SignupAsync();

        var persona = Assert.Single(await PersonasAsync(tenant));

        Assert.Equal("Bob", persona!["name"]!.GetValue<string>());
        Assert.True(persona["active"]!.GetValue<bool>());
        Assert.Equal(1, persona["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Persona_lifecycle_create_update_versions_activate_and_delete()
    {
        var tenant = await app.SignupAsync();
        var owner = app.Bearer(tenant.Token);
        var defaultId = (await PersonasAsync(tenant))[0]!["id"]!.GetValue<string>();

        var created = await (await owner.PostAsJsonAsync("/api/personas", Persona())).OkJsonAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        Assert.False(created["active"]!.GetValue<bool>());
        Assert.Equal(1, created["version"]!.GetValue<int>());

        var updated = await (await owner.PutAsJsonAsync($"/api/personas/{id}", Persona(tone: "concise"))).OkJsonAsync();
        Assert.Equal(2, updated["version"]!.GetValue<int>());
        Assert.Equal("concise", updated["tone"]!.GetValue<string>());
        var versions = await (await owner.GetAsync($"/api/personas/{id}/versions")).Content.ReadFromJsonAsync<JsonArray>();
        Assert.Equal([2, 1], versions!.Select(v => v!["version"]!.GetValue<int>()));

        var activate = await owner.PostAsync($"/api/personas/{id}/activate", null);
        Assert.True(activate.IsSuccessStatusCode, await activate.Content.ReadAsStringAsync());
        var all = await PersonasAsync(tenant);
        Assert.True(all.Single(p => p!["id"]!.GetValue<string>() == id)!["active"]!.GetValue<bool>());
        Assert.False(all.Single(p => p!["id"]!.GetValue<string>() == defaultId)!["active"]!.GetValue<bool>());

        var reply = await app.WidgetChatAsync(tenant.WidgetKey, ChatApi.NewSession(), "hello");
        Assert.Equal("Ava", reply["persona"]!["name"]!.GetValue<string>());
        Assert.Equal(id, reply["persona"]!["id"]!.GetValue<string>());
        var config = await (await app.Widget(tenant.WidgetKey).GetAsync("/api/widget/config")).OkJsonAsync();
        Assert.Equal("Ava", config["persona"]!["name"]!.GetValue<string>());

        await (await owner.DeleteAsync($"/api/personas/{id}")).AssertProblemAsync(409, "active_persona");
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/personas/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/personas/{defaultId}")).StatusCode);
        await (await owner.GetAsync($"/api/personas/{defaultId}")).AssertProblemAsync(404, "not_found");
        Assert.Single(await PersonasAsync(tenant));
    }

    [Fact]
    public async Task Persona_validation_reports_every_bad_field()
    {
        var tenant = await app.SignupAsync();
        var owner = app.Bearer(tenant.Token);

        var response = await owner.PostAsJsonAsync("/api/personas", Persona(name: "", tone: "snarky", systemPrompt: new string('x', 8001)));

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]?["name"]);
        Assert.NotNull(problem["errors"]?["tone"]);
        Assert.NotNull(problem["errors"]?["systemPrompt"]);
        var longName = await owner.PostAsJsonAsync("/api/personas", Persona(name: new string('n', 81)));
        Assert.NotNull((await longName.AssertProblemAsync(400, "validation_failed"))["errors"]?["name"]);
        var longDescription = await owner.PostAsJsonAsync("/api/personas", Persona(description: new string('d', 501)));
        Assert.NotNull((await longDescription.AssertProblemAsync(400, "validation_failed"))["errors"]?["description"]);
        Assert.Single(await PersonasAsync(tenant));
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsJsonAsync("/api/personas", Persona(name: new string('n', 80), systemPrompt: new string('x', 8000)))).StatusCode);
    }

    [Fact]
    public async Task Another_tenants_persona_is_not_found()
    {
        var a = await app.SignupAsync();
        var b = await app.SignupAsync();
        var bPersona = (await PersonasAsync(b))[0]!["id"]!.GetValue<string>();

        await (await app.Bearer(a.Token).GetAsync($"/api/personas/{bPersona}")).AssertProblemAsync(404, "not_found");
        await (await app.Bearer(a.Token).PutAsJsonAsync($"/api/personas/{bPersona}", Persona())).AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task Created_widget_key_has_the_live_format_and_its_origins()
    {
        var tenant = await app.SignupAsync();

        var created = await (await app.Bearer(tenant.Token).PostAsJsonAsync("/api/widget-keys", new { name = "Docs site", allowedOrigins = new[] { "https://docs.example.org/", "https://*.example.org" } }))
            .OkJsonAsync(HttpStatusCode.Created);

        Assert.Matches("^pk_live_[0-9a-f]{32}$", created["key"]!.GetValue<string>());
        Assert.Equal(["https://docs.example.org", "https://*.example.org"], created["allowedOrigins"]!.AsArray().Select(o => o!.GetValue<string>()));
        ChatApi.AssertReplyShape(await app.WidgetChatAsync(created["key"]!.GetValue<string>(), ChatApi.NewSession(), "hello", "https://docs.example.org"));
    }

    [Theory]
    [InlineData("ftp://x")]
    [InlineData("https://x.com/path")]
    [InlineData("*.x.com")]
    [InlineData("https://user@x.com")]
    [InlineData("x.com")]
    public async Task Widget_key_with_an_invalid_origin_is_refused(string origin)
    {
        var tenant = await app.SignupAsync();
        var owner = app.Bearer(tenant.Token);

        var response = await owner.PostAsJsonAsync("/api/widget-keys", new { name = "bad", allowedOrigins = new[] { origin } });

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]?["allowedOrigins"]);
        var keys = await (await owner.GetAsync("/api/widget-keys")).Content.ReadFromJsonAsync<JsonArray>();
        Assert.Single(keys!);
    }

    [Fact]
    public async Task Patching_origins_takes_effect_at_once()
    {
        var tenant = await app.SignupAsync();
        const string NewOrigin = "https://new.example.net";
        await app.WidgetChatAsync(tenant.WidgetKey, ChatApi.NewSession(), "hello from the old site");

        var patched = await (await app.Bearer(tenant.Token).PatchAsJsonAsync($"/api/widget-keys/{tenant.WidgetKeyId}", new { allowedOrigins = new[] { NewOrigin } })).OkJsonAsync();

        Assert.Equal([NewOrigin], patched["allowedOrigins"]!.AsArray().Select(o => o!.GetValue<string>()));
        ChatApi.AssertReplyShape(await app.WidgetChatAsync(tenant.WidgetKey, ChatApi.NewSession(), "hello from the new site", NewOrigin));
        var old = await app.Widget(tenant.WidgetKey).PostJsonAsync("/api/widget/chat", new { message = "hello from the old site" });
        await old.AssertProblemAsync(403, "origin_not_allowed");
        var preflight = new HttpRequestMessage(HttpMethod.Options, $"/api/widget/chat?key={tenant.WidgetKey}");
        preflight.Headers.Add("Origin", NewOrigin);
        Assert.Equal(HttpStatusCode.NoContent, (await app.CreateClient().SendAsync(preflight)).StatusCode);
    }

    [Fact]
    public async Task Embed_code_is_the_exact_seed_script_tag()
    {
        var tenant = await app.SignupAsync();

        var embed = await (await app.Bearer(tenant.Token).GetAsync($"/api/widget-keys/{tenant.WidgetKeyId}/embed-code")).OkJsonAsync();

        Assert.Equal(
            $"<script src=\"http://localhost/widget/loader.js\" data-widget-key=\"{tenant.WidgetKey}\" data-position=\"bottom-right\" async></script>",
            embed["html"]!.GetValue<string>());
    }

    [Fact]
    public async Task Viewer_cannot_manage_personas_or_widget_keys()
    {
        var tenant = await app.SignupAsync();
        var viewer = app.Bearer(await app.InviteMemberAsync(tenant, "viewer"));

        await (await viewer.PostAsJsonAsync("/api/personas", Persona())).AssertProblemAsync(403, "forbidden");
        await (await viewer.PostAsync($"/api/widget-keys/{tenant.WidgetKeyId}/rotate", null)).AssertProblemAsync(403, "forbidden");
        ChatApi.AssertReplyShape(await app.WidgetChatAsync(tenant.WidgetKey, ChatApi.NewSession(), "the key still works"));
    }

    [Fact]
    public async Task A_session_started_with_a_persona_speaks_as_it_and_falls_back_to_the_active_one_when_it_is_deleted()
    {
        var tenant = await app.SignupAsync();
        var owner = app.Bearer(tenant.Token);
        var ava = (await (await owner.PostAsJsonAsync("/api/personas", Persona())).OkJsonAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();

        var unknown = await owner.PostJsonAsync("/api/chat/session", new { persona_id = "per_missing" });
        await unknown.AssertProblemAsync(400, "validation_failed");
        var sessionId = (await (await owner.PostJsonAsync("/api/chat/session", new { persona_id = ava })).OkJsonAsync(HttpStatusCode.Created))["session_id"]!.GetValue<string>();
        var first = await (await owner.PostJsonAsync("/api/chat/message", new { session_id = sessionId, message = "hello" })).OkJsonAsync();
        Assert.Equal("Ava", first["persona"]!["name"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/personas/{ava}")).StatusCode);
        var second = await (await owner.PostJsonAsync("/api/chat/message", new { session_id = sessionId, message = "still there?" })).OkJsonAsync();

        Assert.Equal("Bob", second["persona"]!["name"]!.GetValue<string>());
        Assert.Equal(["visitor", "assistant", "visitor", "assistant"], (await app.TurnsAsync(tenant, sessionId)).Select(t => t.Role));
    }
}
