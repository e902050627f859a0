using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bob.Web.Tests.Chat;
using Bob.Web.Tests.Governance;

namespace Bob.Web.Tests.Insights;

/// <summary><c>GET /api/insights</c> on a fixture of known conversations driven through the real chat routes: every
/// handoff reason, grounded and ungrounded answers, ratings, and unanswered questions grouped and dropping off.</summary>
public sealed class InsightsTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    private const string Warranty = "How long is the warranty on the Zorblax kettle?";
    private const string WarrantyAgain = "What warranty does the Zorblax kettle have?";
    private const string WarrantyLength = "Zorblax kettle warranty length?";
    private const string Dishwasher = "Is the Frobnicator bowl dishwasher safe?";

    [Fact]
    public async Task Figures_are_exact_on_known_conversations_and_an_answered_question_group_drops_off()
    {
        var tenant = await app.SignupAsync();
        var owner = app.Bearer(tenant.Token);
        await app.PutGovernanceAsync(tenant, GovernanceApi.Document(handoffKeywords: ["refund"]));
        var widget = app.Widget(tenant.WidgetKey);
        (await owner.PostAsJsonAsync("/api/knowledge", new
        {
            title = "Delivery times",
            content = "Delivery takes three to five working days within the country.",
            tags = new[] { "delivery" },
        })).EnsureSuccessStatusCode();

        var grounded = await TurnAsync(tenant, "How long does delivery take?");
        Assert.NotEmpty(grounded.Reply["citations"]!.AsArray());
        var warranty = await TurnAsync(tenant, Warranty);
        Assert.True(warranty.Reply["handoff"]!.GetValue<bool>());
        Assert.Empty(warranty.Reply["citations"]!.AsArray());
        var askedInWords = await TurnAsync(tenant, "Can I speak to a person please?");
        Assert.True(askedInWords.Reply["handoff"]!.GetValue<bool>());
        var keyword = await TurnAsync(tenant, "I want a refund for my order");
        Assert.Equal("waiting", keyword.Reply["status"]!.GetValue<string>());
        var takenOver = await TurnAsync(tenant, "Hello there");
        (await owner.PostAsync($"/api/chat/sessions/{takenOver.Session}/takeover", null)).EnsureSuccessStatusCode();
        (await owner.PostAsJsonAsync($"/api/chat/sessions/{takenOver.Session}/reply", new { message = "Hi, I'm Sam from the team." })).EnsureSuccessStatusCode();
        var button = await TurnAsync(tenant, "hello");
        await (await widget.PostJsonAsync("/api/widget/handoff", new { session_id = button.Session, visitor_token = button.Reply["visitor_token"]!.GetValue<string>() })).OkJsonAsync();
        (await owner.PostAsync($"/api/chat/sessions/{button.Session}/takeover", null)).EnsureSuccessStatusCode();
        var again = await TurnAsync(tenant, WarrantyAgain);
        var length = await TurnAsync(tenant, WarrantyLength);
        var dishwasher = await TurnAsync(tenant, Dishwasher);
        Assert.True(dishwasher.Reply["handoff"]!.GetValue<bool>());

        await app.RateAsync(tenant.TenantId, grounded.Session, MessageId(grounded), 1);
        await app.RateAsync(tenant.TenantId, warranty.Session, MessageId(warranty), -1, "Not helpful", DateTimeOffset.UtcNow.AddSeconds(-5));
        await app.RateAsync(tenant.TenantId, again.Session, MessageId(again), -1);

        var insights = await app.InsightsAsync(tenant.Token);

        Assert.Equal(9, insights["conversations"]!.GetValue<int>());
        Assert.Equal(8, insights["handedOff"]!.GetValue<int>());
        Assert.Equal(0.1111, insights["deflection"]!.GetValue<double>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"keyword":1,"visitorAsked":2,"noGroundedAnswer":4,"agentTookOver":1,"total":8}"""), insights["handoffs"]));
        // Every conversation but the keyword one got an assistant answer; only delivery's cited an article.
        Assert.Equal(8, insights["answers"]!.GetValue<int>());
        Assert.Equal(1, insights["grounded"]!.GetValue<int>());
        Assert.Equal(4, insights["unanswered"]!.GetValue<int>());
        Assert.InRange(insights["medianFirstAnswerMs"]!.GetValue<long>(), 10, 60_000);
        var feedback = insights["feedback"]!;
        Assert.Equal(1, feedback["up"]!.GetValue<int>());
        Assert.Equal(2, feedback["down"]!.GetValue<int>());
        Assert.Equal(0.3333, feedback["sharePositive"]!.GetValue<double>());
        var worst = feedback["worstRated"]!.AsArray();
        Assert.Equal([again.Session, warranty.Session], worst.Select(w => w!["sessionId"]!.GetValue<string>()));
        Assert.Equal("Not helpful", worst[1]!["comment"]!.GetValue<string>());
        Assert.Equal(warranty.Reply["reply"]!.GetValue<string>(), worst[1]!["answer"]!.GetValue<string>());
        var days = insights["days"]!.AsArray();
        Assert.Equal(30, days.Count);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$"""
            {"date":"{{InsightsApi.Today}}","conversations":9,"answers":8,"grounded":1,"unanswered":4,"handedOff":8,"feedbackUp":1,"feedbackDown":2}
            """), days[^1]));

        var groups = insights["unansweredQuestions"]!.AsArray();
        Assert.Equal(2, groups.Count);
        Assert.Equal(3, groups[0]!["count"]!.GetValue<int>());
        Assert.Equal([Warranty, WarrantyAgain, WarrantyLength], groups[0]!["examples"]!.AsArray().Select(e => e!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(Dishwasher, groups[1]!["question"]!.GetValue<string>());
        Assert.Equal(1, groups[1]!["count"]!.GetValue<int>());

        (await owner.PostAsJsonAsync("/api/knowledge", new
        {
            title = "Zorblax kettle warranty",
            content = "The Zorblax kettle comes with a warranty of two years from the date of purchase.",
            tags = new[] { "warranty" },
        })).EnsureSuccessStatusCode();

        var after = await app.InsightsAsync(tenant.Token);
        var left = Assert.Single(after["unansweredQuestions"]!.AsArray());
        Assert.Equal(Dishwasher, left!["question"]!.GetValue<string>());
        // The counts of what happened stay: only the list of what still needs an article changes.
        Assert.Equal(4, after["unanswered"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_range_of_days_counts_only_its_days_and_an_empty_tenant_has_no_shares()
    {
        var tenant = await app.SignupAsync();
        await TurnAsync(tenant, "Hello there");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var yesterday = today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var before = await app.InsightsAsync(tenant.Token, $"?from={yesterday}&to={yesterday}");
        var todayOnly = await app.InsightsAsync(tenant.Token, $"?from={InsightsApi.Today}&to={InsightsApi.Today}");
        var fresh = await app.InsightsAsync((await app.SignupAsync()).Token);

        Assert.Equal(0, before["conversations"]!.GetValue<int>());
        Assert.Null(before["deflection"]);
        Assert.Null(before["medianFirstAnswerMs"]);
        Assert.Equal(yesterday, Assert.Single(before["days"]!.AsArray())!["date"]!.GetValue<string>());
        Assert.Equal(1, todayOnly["conversations"]!.GetValue<int>());
        Assert.Equal(1.0, todayOnly["deflection"]!.GetValue<double>());
        Assert.Equal(0, fresh["conversations"]!.GetValue<int>());
        Assert.Null(fresh["feedback"]!["sharePositive"]);
        Assert.Empty(fresh["unansweredQuestions"]!.AsArray());
    }

    [Fact]
    public async Task Members_with_usage_read_see_their_own_tenants_insights_and_nobody_else_does()
    {
        var tenant = await app.SignupAsync();
        var other = await app.SignupAsync();
        await TurnAsync(other, "How long does delivery take?");

        foreach (var role in new[] { "agent", "viewer" })
        {
            var token = await app.InviteMemberAsync(tenant, role);
            Assert.Equal(0, (await app.InsightsAsync(token))["conversations"]!.GetValue<int>());
        }
        Assert.Equal(1, (await app.InsightsAsync(other.Token))["conversations"]!.GetValue<int>());
        await (await app.CreateClient().GetAsync("/api/insights")).AssertProblemAsync(401, "unauthenticated");
        await (await app.CreateClient().GetAsync("/api/admin/tenants/" + other.TenantId + "/insights")).AssertProblemAsync(401, "unauthenticated");
        await (await app.Bearer(other.Token).GetAsync("/api/admin/tenants/" + tenant.TenantId + "/insights")).AssertProblemAsync(403, "forbidden");
    }

    [Theory]
    [InlineData("?from=2026-03-10&to=2026-03-09", "to")]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?to=2026-02-30", "to")]
    [InlineData("?from=2026-01-01T00:00:00Z", "from")]
    [InlineData("?from=2025-01-01&to=2026-01-02", "to")]
    public async Task Bad_ranges_are_refused_with_the_field_named(string query, string field)
    {
        var tenant = await app.SignupAsync();

        var problem = await (await app.Bearer(tenant.Token).GetAsync("/api/insights" + query)).AssertProblemAsync(400, "validation_failed");

        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
    }

    [Fact]
    public async Task A_whole_year_is_the_widest_range_and_the_platform_admin_reads_any_tenants_insights()
    {
        var tenant = await app.SignupAsync();
        await TurnAsync(tenant, "How long does delivery take?");
        var admin = await Billing.BillingApi.AdminAsync(app);

        var year = await app.InsightsAsync(tenant.Token, "?from=2024-01-01&to=2024-12-31");
        var asAdmin = await (await admin.GetAsync($"/api/admin/tenants/{tenant.TenantId}/insights")).OkJsonAsync();

        Assert.Equal(366, year["days"]!.AsArray().Count);
        Assert.Equal(1, asAdmin["conversations"]!.GetValue<int>());
        await (await admin.GetAsync("/api/admin/tenants/no-such-tenant/insights")).AssertProblemAsync(404, "not_found");
        await (await admin.GetAsync($"/api/admin/tenants/{tenant.TenantId}/insights?from=x")).AssertProblemAsync(400, "validation_failed");
    }

    private static string MessageId((string Session, JsonObject Reply) turn) => turn.Reply["message_id"]!.GetValue<string>();

    private async Task<(string Session, JsonObject Reply)> TurnAsync(TestTenant tenant, string message)
    {
        var session = ChatApi.NewSession();
        return (session, await app.WidgetChatAsync(tenant.WidgetKey, session, message));
    }
}
