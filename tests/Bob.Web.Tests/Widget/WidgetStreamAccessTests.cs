using Bob.Web.Tests.Billing;
using Bob.Web.Tests.Chat;

namespace Bob.Web.Tests.Widget;

/// <summary>Issue 18: a widget's event stream ends (an <c>error</c> event with the code, then the end) once its key is
/// revoked or rotated out, or its tenant suspended; it goes on while they stay live.</summary>
public sealed class WidgetStreamAccessTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    private Task<LiveStream> OpenVisitorStreamAsync(TestTenant tenant) => OpenVisitorStreamAsync(tenant, ChatApi.NewSession());

    private async Task<LiveStream> OpenVisitorStreamAsync(TestTenant tenant, string session)
    {
        var token = (await app.WidgetChatAsync(tenant.WidgetKey, session, "hello"))["visitor_token"]!.GetValue<string>();
        return await LiveStream.OpenAsync(app.Widget(key: null), $"/api/widget/sessions/{session}/events?key={tenant.WidgetKey}&visitor_token={token}");
    }

    [Fact]
    public async Task A_visitor_stream_ends_when_its_key_is_revoked()
    {
        var tenant = await app.SignupAsync();
        await using var stream = await OpenVisitorStreamAsync(tenant);

        Assert.True((await app.Bearer(tenant.Token).DeleteAsync($"/api/widget-keys/{tenant.WidgetKeyId}")).IsSuccessStatusCode);

        await stream.AssertEndsWithAsync("invalid_widget_key");
    }

    [Fact]
    public async Task A_visitor_stream_ends_when_its_key_is_rotated_out()
    {
        var tenant = await app.SignupAsync();
        await using var stream = await OpenVisitorStreamAsync(tenant);

        await (await app.Bearer(tenant.Token).PostAsync($"/api/widget-keys/{tenant.WidgetKeyId}/rotate", null)).OkJsonAsync();

        await stream.AssertEndsWithAsync("invalid_widget_key");
    }

    [Fact]
    public async Task A_visitor_stream_ends_when_its_tenant_is_suspended_and_another_tenants_goes_on()
    {
        var tenant = await app.SignupAsync();
        var other = await app.SignupAsync();
        var otherSession = ChatApi.NewSession();
        await using var stream = await OpenVisitorStreamAsync(tenant);
        await using var otherStream = await OpenVisitorStreamAsync(other, otherSession);

        await (await (await app.AdminAsync()).PostAsync($"/api/admin/tenants/{tenant.TenantId}/suspend", null)).OkJsonAsync();

        await stream.AssertEndsWithAsync("tenant_suspended");
        await (await app.Bearer(other.Token).PostJsonAsync($"/api/chat/sessions/{otherSession}/reply", new { message = "Dana here, still with you." }))
            .OkJsonAsync(System.Net.HttpStatusCode.Created);
        var arrived = await otherStream.NextAsync(e => e.Event is "message" or "error");
        Assert.Equal("message", arrived.Event);
    }
}
