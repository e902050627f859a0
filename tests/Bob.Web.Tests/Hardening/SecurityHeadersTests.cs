using Bob.Web.Http;
using Bob.Web.Tests.Chat;
using Bob.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Bob.Web.Tests.Hardening;

/// <summary>Every answer carries the usual security headers; the widget's files and API stay embeddable by any site.</summary>
public sealed class SecurityHeadersTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    [Theory]
    [InlineData("/api/auth/me")] // 401 problem
    [InlineData("/api/nope")] // 404 problem
    [InlineData("/health/live")]
    [InlineData("/openapi/v1.json")]
    public async Task Api_answers_refuse_sniffing_framing_referrers_and_cross_origin_embedding(string path)
    {
        var response = await app.CreateClient().GetAsync(path);

        Assert.Equal("nosniff", ChatApi.Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", ChatApi.Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", ChatApi.Header(response, "X-Frame-Options"));
        Assert.Equal(SecurityHeaders.ApiPolicy, ChatApi.Header(response, "Content-Security-Policy"));
        Assert.Equal("same-origin", ChatApi.Header(response, "Cross-Origin-Resource-Policy"));
    }

    [Fact]
    public async Task Widget_api_answers_may_be_read_by_other_origins()
    {
        var tenant = await app.SignupAsync();

        var response = await app.Widget(tenant.WidgetKey).GetAsync("/api/widget/config");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("cross-origin", ChatApi.Header(response, "Cross-Origin-Resource-Policy"));
        Assert.Equal(ChatApi.ShopOrigin, ChatApi.Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("nosniff", ChatApi.Header(response, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task Widget_files_are_never_refused_to_another_site()
    {
        var response = await app.CreateClient().GetAsync("/widget/loader.js");

        Assert.Equal("cross-origin", ChatApi.Header(response, "Cross-Origin-Resource-Policy"));
        Assert.Null(ChatApi.Header(response, "X-Frame-Options"));
        Assert.Null(ChatApi.Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", ChatApi.Header(response, "X-Content-Type-Options"));
    }

    [Fact]
    public void Html_pages_get_the_strict_page_policy()
    {
        var context = new DefaultHttpContext();
        context.Request.Path = "/portal";
        context.Response.ContentType = "text/html; charset=utf-8";

        SecurityHeaders.Apply(context);

        var policy = context.Response.Headers.ContentSecurityPolicy.ToString();
        Assert.Equal(SecurityHeaders.PagePolicy, policy);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("DENY", context.Response.Headers.XFrameOptions.ToString());
    }

    [Fact]
    public async Task The_api_reference_page_may_run_its_inline_boot_script_and_nothing_from_elsewhere()
    {
        var response = await app.CreateClient().GetAsync("/api-reference/");

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = ChatApi.Header(response, "Content-Security-Policy");
        Assert.Equal(SecurityHeaders.ApiReferencePagePolicy, policy);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
    }
}
