using Bob.Web.Tests.Chat;
using Bob.Web.Tests.Infrastructure;

namespace Bob.Web.Tests.Hardening;

/// <summary>Numbers from outside are checked for range: nothing overflows into the database, and out of range is a 400.</summary>
public sealed class NumericInputTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    [Theory]
    [InlineData("?page=2147483647&page_size=100", 2147483647, 100)]
    [InlineData("?page=21474837&page_size=100", 21474837, 100)]
    [InlineData("?page=2147483647&page_size=1", 2147483647, 1)]
    public async Task A_page_far_past_the_end_is_an_empty_page(string query, int page, int pageSize)
    {
        var tenant = await app.SignupAsync();
        await app.WidgetChatAsync(tenant.WidgetKey, ChatApi.NewSession(), "hello");

        var sessions = await app.SessionsAsync(tenant, query);

        Assert.Empty(sessions["items"]!.AsArray());
        Assert.Equal(1, sessions["total"]!.GetValue<int>());
        Assert.Equal(page, sessions["page"]!.GetValue<int>());
        Assert.Equal(pageSize, sessions["page_size"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("?page=0", "page")]
    [InlineData("?page=-1", "page")]
    [InlineData("?page=2147483648", "page")]
    [InlineData("?page=99999999999999999999999", "page")]
    [InlineData("?page=1e3", "page")]
    [InlineData("?page=%201", "page")]
    [InlineData("?page_size=0", "page_size")]
    [InlineData("?page_size=101", "page_size")]
    [InlineData("?page_size=-2147483648", "page_size")]
    public async Task A_page_number_out_of_range_is_refused_naming_it(string query, string field)
    {
        var tenant = await app.SignupAsync();

        var response = await app.Bearer(tenant.Token).GetAsync($"/api/chat/sessions{query}");

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]?[field]);
    }
}
