using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bob.Testing.Webhooks;
using Bob.Web.Tests.Audit;
using Bob.Web.Tests.Chat;

namespace Bob.Web.Tests.Webhooks;

/// <summary>Registering, reading, changing and deleting endpoints; secrets, rotation, test pings; every bad input.</summary>
public sealed class WebhookEndpointTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    private async Task<JsonArray> ListAsync(TestTenant tenant) =>
        (await (await app.Bearer(tenant.Token).GetAsync("/api/webhooks")).Content.ReadFromJsonAsync<JsonArray>())!;

    [Fact]
    public async Task Registering_shows_the_signing_secret_once_and_never_again()
    {
        var tenant = await app.SignupAsync();
        await using var receiver = await WebhookReceiver.StartAsync();

        var created = await app.RegisterAsync(tenant, receiver.Url, "message.created", "persona.updated");

        Assert.StartsWith("wh_", created.Id(), StringComparison.Ordinal);
        Assert.Equal(receiver.Url.ToString(), created["url"]!.GetValue<string>());
        Assert.Equal(["message.created", "persona.updated"], created["events"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal("active", created["status"]!.GetValue<string>());
        Assert.StartsWith("whsec_", created.Secret(), StringComparison.Ordinal);
        Assert.InRange(Convert.FromBase64String(created.Secret()["whsec_".Length..]).Length, 24, 64);
        var listed = Assert.Single(await ListAsync(tenant))!.AsObject();
        Assert.Equal(created.Id(), listed.Id());
        Assert.False(listed.ContainsKey("secret"));
        Assert.False((await app.EndpointAsync(tenant, created.Id())).ContainsKey("secret"));
    }

    [Fact]
    public async Task Bad_inputs_get_clear_problems_and_nothing_is_stored()
    {
        var tenant = await app.SignupAsync();
        var owner = app.Bearer(tenant.Token);
        const string url = "http://127.0.0.1:9/hook";

        async Task AssertRefusedAsync(object body, string field)
        {
            var problem = await (await owner.PostAsJsonAsync("/api/webhooks", body)).AssertProblemAsync(400, "validation_failed");
            Assert.NotNull(problem["errors"]?[field]);
        }

        await AssertRefusedAsync(new { url, events = new[] { "message.created", "message.deleted" } }, "events");
        await AssertRefusedAsync(new { url, events = Array.Empty<string>() }, "events");
        await AssertRefusedAsync(new { url }, "events");
        await AssertRefusedAsync(new { url = "http://127.0.0.1/" + new string('a', 5000), events = new[] { "message.created" } }, "url");
        await AssertRefusedAsync(new { url = "ftp://127.0.0.1/hook", events = new[] { "message.created" } }, "url");
        await AssertRefusedAsync(new { url = "/relative/hook", events = new[] { "message.created" } }, "url");
        await AssertRefusedAsync(new { url = "http://user:pass@127.0.0.1/hook", events = new[] { "message.created" } }, "url");
        await AssertRefusedAsync(new { events = new[] { "message.created" } }, "url");
        await AssertRefusedAsync(new { url = "http://127.0.0.1/ho\u0000ok", events = new[] { "message.created" } }, "url");
        await AssertRefusedAsync(new { url, events = new[] { "message.created" }, description = "nul \u0000 inside" }, "description");
        await AssertRefusedAsync(new { url, events = new[] { "message.created" }, description = new string('d', 501) }, "description");
        var unknownJson = await owner.PostAsync("/api/webhooks", ApiClient.RawJson("{\"url\": 5, \"events\": \"all\"}"));
        Assert.Equal(400, (int)unknownJson.StatusCode);
        Assert.Empty(await ListAsync(tenant));

        var first = await owner.PostAsJsonAsync("/api/webhooks", new { url, events = new[] { "message.created" } });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var duplicate = await owner.PostAsJsonAsync("/api/webhooks", new { url = "HTTP://127.0.0.1:9/hook", events = new[] { "persona.updated" } });
        await duplicate.AssertProblemAsync(409, "duplicate_webhook");
        Assert.Single(await ListAsync(tenant));
    }

    [Fact]
    public async Task Endpoints_count_against_the_plans_integrations_and_deleting_one_frees_it()
    {
        var tenant = await app.SignupAsync();
        var owner = app.Bearer(tenant.Token);
        var first = await app.RegisterAsync(tenant, new Uri("http://127.0.0.1:9/one"), "message.created");

        var second = await owner.PostAsJsonAsync("/api/webhooks", new { url = "http://127.0.0.1:9/two", events = new[] { "message.created" } });

        await second.AssertProblemAsync(409, "integration_limit_reached");
        Assert.Single(await ListAsync(tenant));
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/webhooks/{first.Id()}")).StatusCode);
        await (await owner.GetAsync($"/api/webhooks/{first.Id()}")).AssertProblemAsync(404, "not_found");
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsJsonAsync("/api/webhooks", new { url = "http://127.0.0.1:9/two", events = new[] { "message.created" } })).StatusCode);
    }

    [Fact]
    public async Task Another_tenants_endpoint_is_not_found_and_an_agent_may_not_manage_webhooks()
    {
        var a = await app.SignupAsync();
        var b = await app.SignupAsync();
        var endpoint = await app.RegisterAsync(a, new Uri("http://127.0.0.1:9/a"), "message.created");
        var other = app.Bearer(b.Token);

        await (await other.GetAsync($"/api/webhooks/{endpoint.Id()}")).AssertProblemAsync(404, "not_found");
        await (await other.PatchAsJsonAsync($"/api/webhooks/{endpoint.Id()}", new { description = "mine" })).AssertProblemAsync(404, "not_found");
        await (await other.PostAsync($"/api/webhooks/{endpoint.Id()}/test", null)).AssertProblemAsync(404, "not_found");
        await (await other.PostAsync($"/api/webhooks/{endpoint.Id()}/rotate-secret", null)).AssertProblemAsync(404, "not_found");
        await (await other.GetAsync($"/api/webhooks/{endpoint.Id()}/deliveries")).AssertProblemAsync(404, "not_found");
        await (await other.DeleteAsync($"/api/webhooks/{endpoint.Id()}")).AssertProblemAsync(404, "not_found");
        var agent = await app.AddMemberAsync(a, "agent");
        await (await app.Bearer(agent["token"]!.GetValue<string>()).GetAsync("/api/webhooks")).AssertProblemAsync(403, "forbidden");
        Assert.Equal("active", (await app.EndpointAsync(a, endpoint.Id()))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_test_ping_arrives_signed_by_the_standard_scheme_and_is_logged()
    {
        var tenant = await app.SignupAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var endpoint = await app.RegisterAsync(tenant, receiver.Url, "message.created");

        var queued = await (await app.Bearer(tenant.Token).PostAsync($"/api/webhooks/{endpoint.Id()}/test", null)).OkJsonAsync(HttpStatusCode.Accepted);

        var ping = Assert.Single(await receiver.WaitAsync(r => r.Count >= 1));
        ping.AssertSignedWith(endpoint.Secret());
        Assert.Equal(queued["eventId"]!.GetValue<string>(), ping.Id);
        Assert.Equal("webhook.test", ping.Type);
        Assert.Equal(endpoint.Id(), ping.Json["data"]!["endpoint_id"]!.GetValue<string>());
        Assert.StartsWith("application/json", ping.Headers.ContentType.ToString(), StringComparison.Ordinal);
        var log = await Eventually.ReturnsAsync(() => app.DeliveriesAsync(tenant, endpoint.Id()), l => l["items"]![0]!["status"]!.GetValue<string>() == "delivered");
        var delivery = log["items"]![0]!;
        Assert.Equal(queued["deliveryId"]!.GetValue<string>(), delivery["id"]!.GetValue<string>());
        Assert.Equal("webhook.test", delivery["eventType"]!.GetValue<string>());
        Assert.Equal(200, delivery["statusCode"]!.GetValue<int>());
        Assert.Equal(1, delivery["attempt"]!.GetValue<int>());
        Assert.Equal(200, Assert.Single(delivery["attempts"]!.AsArray())!["statusCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task During_a_rotation_every_delivery_verifies_with_either_secret()
    {
        var tenant = await app.SignupAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var endpoint = await app.RegisterAsync(tenant, receiver.Url, "message.created");
        var owner = app.Bearer(tenant.Token);

        var rotated = await (await owner.PostAsync($"/api/webhooks/{endpoint.Id()}/rotate-secret", null)).OkJsonAsync();
        await owner.PostAsync($"/api/webhooks/{endpoint.Id()}/test", null);

        Assert.NotEqual(endpoint.Secret(), rotated.Secret());
        var overlapEnds = rotated["previousSecretExpiresAt"]!.GetValue<DateTimeOffset>();
        Assert.InRange(overlapEnds - DateTimeOffset.UtcNow, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24));
        var ping = Assert.Single(await receiver.WaitAsync(r => r.Count >= 1));
        Assert.Equal(2, ping.Signature.Split(' ').Length);
        ping.AssertSignedWith(endpoint.Secret());
        ping.AssertSignedWith(rotated.Secret());
        Assert.False(ping.IsSignedWith("whsec_" + Convert.ToBase64String(new byte[32])));
    }

    [Fact]
    public async Task An_endpoint_can_be_changed_disabled_and_enabled_again()
    {
        var tenant = await app.SignupAsync();
        var owner = app.Bearer(tenant.Token);
        var endpoint = await app.RegisterAsync(tenant, new Uri("http://127.0.0.1:9/old"), "message.created");

        var changed = await (await owner.PatchAsJsonAsync($"/api/webhooks/{endpoint.Id()}",
            new { url = "http://127.0.0.1:9/new", events = new[] { "persona.updated" }, description = "CRM" })).OkJsonAsync();
        var disabled = await (await owner.PatchAsJsonAsync($"/api/webhooks/{endpoint.Id()}", new { enabled = false })).OkJsonAsync();
        var ping = await owner.PostAsync($"/api/webhooks/{endpoint.Id()}/test", null);
        var enabled = await (await owner.PatchAsJsonAsync($"/api/webhooks/{endpoint.Id()}", new { enabled = true })).OkJsonAsync();
        var badPatch = await owner.PatchAsJsonAsync($"/api/webhooks/{endpoint.Id()}", new { events = new[] { "nope" } });

        Assert.Equal("http://127.0.0.1:9/new", changed["url"]!.GetValue<string>());
        Assert.Equal("CRM", changed["description"]!.GetValue<string>());
        Assert.Equal(["persona.updated"], changed["events"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal("disabled", disabled["status"]!.GetValue<string>());
        Assert.Equal("manual", disabled["disabledReason"]!.GetValue<string>());
        await ping.AssertProblemAsync(409, "webhook_disabled");
        Assert.Equal("active", enabled["status"]!.GetValue<string>());
        await badPatch.AssertProblemAsync(400, "validation_failed");
        Assert.Equal(["persona.updated"], (await app.EndpointAsync(tenant, endpoint.Id()))["events"]!.AsArray().Select(e => e!.GetValue<string>()));
    }

    [Fact]
    public async Task Creating_changing_rotating_and_deleting_an_endpoint_are_audited_without_its_secrets()
    {
        var tenant = await app.SignupAsync();
        var owner = app.Bearer(tenant.Token);
        var endpoint = await app.RegisterAsync(tenant, new Uri("http://127.0.0.1:9/audited?token=receiver-credential"), "message.created");

        await (await owner.PatchAsJsonAsync($"/api/webhooks/{endpoint.Id()}", new { description = "CRM" })).OkJsonAsync();
        var rotated = await (await owner.PostAsync($"/api/webhooks/{endpoint.Id()}/rotate-secret", null)).OkJsonAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/webhooks/{endpoint.Id()}")).StatusCode);

        var entries = (await app.AuditEntriesAsync(tenant.Token)).Where(e => e.TargetId() == endpoint.Id()).ToList();
        Assert.Equal(["webhook.deleted", "webhook.secret_rotated", "webhook.updated", "webhook.created"], entries.Select(e => e.Action()));
        Assert.All(entries, e => Assert.Equal("user", e.ActorType()));
        Assert.All(entries, e => Assert.Equal("webhook", e["target"]!["type"]!.GetValue<string>()));
        var logged = string.Join('\n', entries.Select(e => e.ToJsonString()));
        Assert.Contains("127.0.0.1:9/audited", logged, StringComparison.Ordinal);
        Assert.Contains("CRM", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("receiver-credential", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_", logged, StringComparison.Ordinal);
        Assert.DoesNotContain(endpoint.Secret()["whsec_".Length..], logged, StringComparison.Ordinal);
        Assert.DoesNotContain(rotated.Secret()["whsec_".Length..], logged, StringComparison.Ordinal);
    }
}
