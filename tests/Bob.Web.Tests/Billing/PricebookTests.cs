using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bob.Web.Tests.Audit;
using Bob.Web.Tests.Infrastructure;

namespace Bob.Web.Tests.Billing;

/// <summary>The published pricebook and its drafts. These tests publish, so they share an app of their own.</summary>
public sealed class PricebookTests(PricebookTests.App app) : IClassFixture<PricebookTests.App>
{
    public sealed class App : BobWebApp;

    [Fact]
    public async Task Version_1_is_the_seed_pricebook_exactly_and_public()
    {
        var response = await app.CreateClient().GetAsync("/api/pricebook/versions/1");

        Assert.Equal(200, (int)response.StatusCode);
        var v1 = await response.JsonAsync();
        Assert.Equal(1, v1["version"]!.GetValue<int>());
        Assert.True(v1["publishedAt"]!.GetValue<DateTimeOffset>() <= DateTimeOffset.UtcNow);
        Assert.True(JsonNode.DeepEquals(BillingApi.SeedPlans(), v1["plans"]), v1["plans"]!.ToJsonString());
        Assert.Contains("immutable", response.Headers.CacheControl!.Extensions.Select(e => e.Name));
    }

    [Fact]
    public async Task Live_pricebook_carries_an_etag_that_answers_304_until_the_next_publish()
    {
        var client = app.CreateClient();
        var first = await client.GetAsync("/api/pricebook");
        var etag = first.Headers.ETag!;
        Assert.True(first.Headers.CacheControl!.NoCache);

        var revalidate = new HttpRequestMessage(HttpMethod.Get, "/api/pricebook");
        revalidate.Headers.IfNoneMatch.Add(etag);
        var notModified = await client.SendAsync(revalidate);

        Assert.Equal(304, (int)notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);

        await app.PublishAsync(BillingApi.SeedPlans());
        var stale = new HttpRequestMessage(HttpMethod.Get, "/api/pricebook");
        stale.Headers.IfNoneMatch.Add(etag);
        var changed = await client.SendAsync(stale);

        Assert.Equal(200, (int)changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    [Fact]
    public async Task A_publish_is_live_at_once_on_another_web_node_while_the_old_version_stays_readable()
    {
        await using var nodeB = await ClientWebNode.StartAsync(app);
        var before = await (await nodeB.CreateClient().GetAsync("/api/pricebook")).JsonAsync();
        var plans = BillingApi.SeedPlans();
        plans[0]!["priceUsdMonthly"] = 89.5m;
        plans[0]!["includedCredits"] = 20000;

        var published = await app.PublishAsync(plans);

        var live = await (await nodeB.CreateClient().GetAsync("/api/pricebook")).JsonAsync();
        Assert.Equal(published["version"]!.GetValue<int>(), live["version"]!.GetValue<int>());
        Assert.Equal(before["version"]!.GetValue<int>() + 1, live["version"]!.GetValue<int>());
        Assert.Equal(89.5m, BillingApi.PlanOf(live, "starter")["priceUsdMonthly"]!.GetValue<decimal>());
        Assert.Equal(20000, BillingApi.PlanOf(live, "starter")["includedCredits"]!.GetValue<int>());
        var old = await (await nodeB.CreateClient().GetAsync($"/api/pricebook/versions/{before["version"]}")).JsonAsync();
        Assert.True(JsonNode.DeepEquals(before, old));
    }

    [Fact]
    public async Task A_published_version_is_unchanged_by_a_later_draft()
    {
        var published = await app.PublishAsync(BillingApi.SeedPlans());
        var version = published["version"]!.GetValue<int>();
        var admin = await app.AdminAsync();
        var plans = BillingApi.SeedPlans();
        plans[1]!["priceUsdMonthly"] = 999;
        var draft = await (await admin.PostAsJsonAsync("/api/pricebook/drafts", new { plans })).JsonAsync();

        var edit = await admin.PutAsJsonAsync($"/api/pricebook/drafts/{draft["version"]}", new { plans = BillingApi.SeedPlans().Also(p => p[1]!["seats"] = 12) });
        var editPublished = await admin.PutAsJsonAsync($"/api/pricebook/drafts/{version}", new { plans });
        var republish = await admin.PostAsync($"/api/pricebook/drafts/{version}/publish", null);

        Assert.Equal(200, (int)edit.StatusCode);
        Assert.Equal(version + 1, draft["version"]!.GetValue<int>());
        await editPublished.AssertProblemAsync(409, "conflict");
        await republish.AssertProblemAsync(409, "conflict");
        var after = await (await app.CreateClient().GetAsync($"/api/pricebook/versions/{version}")).JsonAsync();
        Assert.True(JsonNode.DeepEquals(published, after));
        Assert.Equal(version, (await (await app.CreateClient().GetAsync("/api/pricebook")).JsonAsync())["version"]!.GetValue<int>());
        Assert.Equal(204, (int)(await admin.DeleteAsync($"/api/pricebook/drafts/{draft["version"]}")).StatusCode);
    }

    [Fact]
    public async Task A_tenant_keeps_the_version_it_subscribed_under_until_it_chooses_a_plan_again()
    {
        var tenant = await app.SignupAsync();
        var subscribed = (await (await app.Bearer(tenant.Token).GetAsync("/api/tenant")).JsonAsync())["pricebookVersion"]!.GetValue<int>();
        var plans = BillingApi.SeedPlans();
        plans[0]!["seats"] = 5;
        plans[0]!["includedCredits"] = 30000;

        var published = await app.PublishAsync(plans);
        var kept = await (await app.Bearer(tenant.Token).GetAsync("/api/tenant")).JsonAsync();
        var resubscribed = await (await app.Bearer(tenant.Token).PutAsJsonAsync("/api/tenant/plan", new { plan = "starter" })).JsonAsync();

        Assert.Equal(subscribed, kept["pricebookVersion"]!.GetValue<int>());
        Assert.Equal(3, kept["limits"]!["seats"]!.GetValue<int>());
        Assert.Equal(published["version"]!.GetValue<int>(), resubscribed["pricebookVersion"]!.GetValue<int>());
        Assert.Equal(5, resubscribed["limits"]!["seats"]!.GetValue<int>());
        Assert.Equal(30000, resubscribed["limits"]!["includedCredits"]!.GetValue<int>());
        var newcomer = await app.SignupAsync();
        Assert.Equal(published["version"]!.GetValue<int>(), (await (await app.Bearer(newcomer.Token).GetAsync("/api/tenant")).JsonAsync())["pricebookVersion"]!.GetValue<int>());
    }

    [Fact]
    public async Task Drafts_are_listed_one_at_a_time_and_an_empty_body_copies_the_live_plans()
    {
        var admin = await app.AdminAsync();
        var live = await (await app.CreateClient().GetAsync("/api/pricebook")).JsonAsync();

        var created = await admin.PostAsJsonAsync("/api/pricebook/drafts", new { });
        var second = await admin.PostAsJsonAsync("/api/pricebook/drafts", new { });
        var listed = await (await admin.GetAsync("/api/pricebook/drafts")).Content.ReadFromJsonAsync<JsonArray>();

        Assert.Equal(201, (int)created.StatusCode);
        var draft = await created.JsonAsync();
        Assert.Equal($"/api/pricebook/drafts/{draft["version"]}", created.Headers.Location!.OriginalString);
        Assert.True(JsonNode.DeepEquals(live["plans"], draft["plans"]));
        await second.AssertProblemAsync(409, "conflict");
        Assert.Equal(draft["version"]!.GetValue<int>(), Assert.Single(listed!)!["version"]!.GetValue<int>());
        Assert.Equal(200, (int)(await admin.GetAsync($"/api/pricebook/drafts/{draft["version"]}")).StatusCode);
        Assert.Equal(204, (int)(await admin.DeleteAsync($"/api/pricebook/drafts/{draft["version"]}")).StatusCode);
        await (await admin.GetAsync($"/api/pricebook/drafts/{draft["version"]}")).AssertProblemAsync(404, "not_found");
    }

    public static TheoryData<string, string> BadDrafts() => new()
    {
        { """[{"id":"starter","name":"Starter","priceUsdMonthly":-1,"includedCredits":15000,"seats":3,"integrations":1,"support":"email"}]""", "plans[0].priceUsdMonthly" },
        { """[{"id":"starter","name":"Starter","priceUsdMonthly":79.999,"includedCredits":15000,"seats":3,"integrations":1,"support":"email"}]""", "plans[0].priceUsdMonthly" },
        { """[{"id":"starter","name":"Starter","priceUsdMonthly":79,"includedCredits":-5,"seats":3,"integrations":1,"support":"email"}]""", "plans[0].includedCredits" },
        { """[{"id":"starter","name":"Starter","priceUsdMonthly":79,"includedCredits":15000,"seats":0,"integrations":1,"support":"email"}]""", "plans[0].seats" },
        { """[{"id":"starter","name":"Starter","priceUsdMonthly":79,"includedCredits":15000,"integrations":1,"support":"email"}]""", "plans[0].seats" },
        { """[{"id":"starter","name":"Starter","priceUsdMonthly":79,"includedCredits":15000,"seats":"many","integrations":1,"support":"email"}]""", "plans[0].seats" },
        { """[{"id":"starter","name":"","priceUsdMonthly":79,"includedCredits":15000,"seats":3,"integrations":-1,"support":"email"}]""", "plans[0].integrations" },
        { """[{"id":"gold","name":"Gold","priceUsdMonthly":79,"includedCredits":15000,"seats":3,"integrations":1,"support":"email"}]""", "plans[0].id" },
        { """[{"name":"Starter","priceUsdMonthly":79,"includedCredits":15000,"seats":3,"integrations":1,"support":"email"}]""", "plans[0].id" },
        { """[null]""", "plans[0]" },
    };

    [Theory]
    [MemberData(nameof(BadDrafts))]
    public async Task A_draft_with_a_bad_plan_is_refused_naming_the_field_and_nothing_is_stored(string firstPlan, string field)
    {
        var plans = JsonNode.Parse(firstPlan)!.AsArray();
        foreach (var rest in BillingApi.SeedPlans().Skip(1).ToList())
        {
            plans.Add(rest!.DeepClone());
        }
        var admin = await app.AdminAsync();

        var response = await admin.PostAsync("/api/pricebook/drafts", ApiClient.RawJson(new JsonObject { ["plans"] = plans }.ToJsonString()));

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]![field]);
        Assert.Empty((await (await admin.GetAsync("/api/pricebook/drafts")).Content.ReadFromJsonAsync<JsonArray>())!);
    }

    [Fact]
    public async Task A_draft_missing_a_plan_or_listing_one_twice_is_refused()
    {
        var admin = await app.AdminAsync();
        var missing = BillingApi.SeedPlans();
        missing.RemoveAt(2);
        var overlong = BillingApi.SeedPlans();
        overlong.Add(BillingApi.SeedPlans()[0]!.DeepClone());
        var name = BillingApi.SeedPlans();
        name[0]!["name"] = new string('n', 41);

        foreach (var plans in new[] { missing, overlong })
        {
            var problem = await (await admin.PostAsJsonAsync("/api/pricebook/drafts", new { plans })).AssertProblemAsync(400, "validation_failed");
            Assert.NotNull(problem["errors"]!["plans"]);
        }
        var tooLong = await (await admin.PostAsJsonAsync("/api/pricebook/drafts", new { plans = name })).AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(tooLong["errors"]!["plans[0].name"]);
        Assert.Empty((await (await admin.GetAsync("/api/pricebook/drafts")).Content.ReadFromJsonAsync<JsonArray>())!);
    }

    [Fact]
    public async Task A_very_long_plan_list_is_refused_as_a_whole_and_nothing_is_stored()
    {
        var admin = await app.AdminAsync();
        var plans = new JsonArray([.. Enumerable.Range(0, 100).Select(_ => (JsonNode?)BillingApi.SeedPlans()[0]!.DeepClone())]);

        var created = await admin.PostAsync("/api/pricebook/drafts", ApiClient.RawJson(new JsonObject { ["plans"] = plans.DeepClone() }.ToJsonString()));

        var problem = await created.AssertProblemAsync(400, "validation_failed");
        Assert.Equal(["plans"], problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Empty((await (await admin.GetAsync("/api/pricebook/drafts")).Content.ReadFromJsonAsync<JsonArray>())!);
    }

    [Fact]
    public async Task Drafts_need_the_pricebook_publish_permission()
    {
        var tenant = await app.SignupAsync();
        var agent = await app.AddMemberAsync(tenant, "agent");
        var viewer = await app.AddMemberAsync(tenant, "viewer");
        var callers = new[] { app.Bearer(tenant.Token), app.Bearer(agent["token"]!.GetValue<string>()), app.Bearer(viewer["token"]!.GetValue<string>()) };

        foreach (var caller in callers)
        {
            await (await caller.GetAsync("/api/pricebook/drafts")).AssertProblemAsync(403, "forbidden");
            await (await caller.PostAsJsonAsync("/api/pricebook/drafts", new { })).AssertProblemAsync(403, "forbidden");
            await (await caller.GetAsync("/api/pricebook/drafts/99")).AssertProblemAsync(403, "forbidden");
            await (await caller.PutAsJsonAsync("/api/pricebook/drafts/99", new { plans = BillingApi.SeedPlans() })).AssertProblemAsync(403, "forbidden");
            await (await caller.DeleteAsync("/api/pricebook/drafts/99")).AssertProblemAsync(403, "forbidden");
            await (await caller.PostAsync("/api/pricebook/drafts/99/publish", null)).AssertProblemAsync(403, "forbidden");
        }
        await (await app.CreateClient().PostAsJsonAsync("/api/pricebook/drafts", new { })).AssertProblemAsync(401, "unauthenticated");
        Assert.Empty((await (await (await app.AdminAsync()).GetAsync("/api/pricebook/drafts")).Content.ReadFromJsonAsync<JsonArray>())!);
    }

    [Fact]
    public async Task An_unknown_version_or_draft_is_not_found()
    {
        var admin = await app.AdminAsync();

        await (await app.CreateClient().GetAsync("/api/pricebook/versions/4000")).AssertProblemAsync(404, "not_found");
        await (await admin.PostAsync("/api/pricebook/drafts/4000/publish", null)).AssertProblemAsync(404, "not_found");
        await (await admin.PutAsJsonAsync("/api/pricebook/drafts/4000", new { plans = BillingApi.SeedPlans() })).AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task A_publish_is_one_entry_in_the_platforms_audit_log_and_a_repeated_publish_is_none()
    {
        var admin = await app.AdminAsync();
        var adminToken = admin.DefaultRequestHeaders.Authorization!.Parameter!;
        var previous = (await (await app.CreateClient().GetAsync("/api/pricebook")).JsonAsync())["version"]!.GetValue<int>();
        var plans = BillingApi.SeedPlans();
        plans[2]!["priceUsdMonthly"] = 949;
        var draft = await (await admin.PostAsJsonAsync("/api/pricebook/drafts", new { plans })).JsonAsync();
        var version = draft["version"]!.GetValue<int>();

        Assert.Equal(200, (int)(await admin.PostAsync($"/api/pricebook/drafts/{version}/publish", null)).StatusCode);
        await (await admin.PostAsync($"/api/pricebook/drafts/{version}/publish", null)).AssertProblemAsync(409, "conflict");

        var entries = (await app.AuditEntriesAsync(adminToken, "action=pricebook.published")).Where(e => e.TargetId() == $"v{version}").ToList();
        var entry = Assert.Single(entries);
        Assert.Equal("user", entry.ActorType());
        Assert.Equal(BobWebApp.AdminEmail, entry["actor"]!["email"]!.GetValue<string>());
        Assert.Equal("pricebook", entry["target"]!["type"]!.GetValue<string>());
        Assert.Equal(previous, entry["before"]!["version"]!.GetValue<int>());
        Assert.Equal(version, entry["after"]!["version"]!.GetValue<int>());
        Assert.Equal(949, BillingApi.PlanOf(entry["after"]!, "enterprise")["priceUsdMonthly"]!.GetValue<decimal>());
    }
}

internal static class JsonArrayExtensions
{
    public static JsonArray Also(this JsonArray array, Action<JsonArray> change)
    {
        change(array);
        return array;
    }
}
