using System.Text.Json.Nodes;
using Bob.Web.Tests.Chat;
using Bob.Web.Tests.Infrastructure;

namespace Bob.Web.Tests.Billing;

public sealed class UsageTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    [Fact]
    public async Task Usage_counts_each_reply_and_message_this_period_with_every_day_so_far()
    {
        var tenant = await app.SignupAsync();
        var session = ChatApi.NewSession();
        await app.WidgetChatAsync(tenant.WidgetKey, session, "Hello there");
        var second = await app.WidgetChatAsync(tenant.WidgetKey, session, "How long does delivery take?");

        var usage = await (await app.Bearer(tenant.Token).GetAsync("/api/usage")).OkJsonAsync();

        var today = DateTime.UtcNow.Date;
        Assert.Equal(new DateTimeOffset(today.Year, today.Month, 1, 0, 0, 0, TimeSpan.Zero), usage["period"]!["start"]!.GetValue<DateTimeOffset>());
        Assert.Equal("starter", usage["plan"]!.GetValue<string>());
        Assert.Equal(1, usage["pricebookVersion"]!.GetValue<int>());
        Assert.Equal("hard_stop", usage["creditPolicy"]!.GetValue<string>());
        Assert.Equal(15000, usage["creditsIncluded"]!.GetValue<int>());
        Assert.Equal(2, usage["creditsUsed"]!.GetValue<int>());
        Assert.Equal(14998, usage["creditsRemaining"]!.GetValue<int>());
        Assert.Equal(second["credits"]!["remaining"]!.GetValue<int>(), usage["creditsRemaining"]!.GetValue<int>());
        Assert.Equal(0, usage["overage"]!.GetValue<int>());
        Assert.Equal(4, usage["messages"]!.GetValue<int>());
        var days = usage["days"]!.AsArray();
        Assert.Equal(today.Day, days.Count);
        Assert.Equal(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), days[^1]!["date"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$"""{"date":"{{days[^1]!["date"]}}","messages":4,"credits":2}"""), days[^1]));
        Assert.All(days.Take(days.Count - 1), d => Assert.Equal(0, d!["messages"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Agents_and_viewers_read_their_own_tenants_usage_and_nobody_else_does()
    {
        var tenant = await app.SignupAsync();
        var other = await app.SignupAsync();
        await app.WidgetChatAsync(other.WidgetKey, ChatApi.NewSession(), "Hello there");

        foreach (var role in new[] { "agent", "viewer" })
        {
            var token = await app.InviteMemberAsync(tenant, role);
            var usage = await (await app.Bearer(token).GetAsync("/api/usage")).OkJsonAsync();
            Assert.Equal(0, usage["creditsUsed"]!.GetValue<int>());
        }
        await (await app.CreateClient().GetAsync("/api/usage")).AssertProblemAsync(401, "unauthenticated");
    }
}
