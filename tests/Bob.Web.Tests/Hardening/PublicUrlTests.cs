using System.Net;
using System.Net.Http.Json;
using Bob.Hosting.Management;
using Bob.Web.Http;
using Bob.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bob.Web.Tests.Hardening;

/// <summary>
/// Links Bob hands out come from its configured public URL, never from the request's Host header; requests for other
/// hosts are refused; and Production refuses to start without a public URL.
/// </summary>
public sealed class PublicUrlTests(PublicUrlTests.PublicUrlApp app) : IClassFixture<PublicUrlTests.PublicUrlApp>
{
    private const string Public = "https://bob.example.test";

    [Fact]
    public async Task Embed_code_and_invitation_link_use_the_public_url()
    {
        var tenant = await app.SignupAsync();
        var owner = app.Bearer(tenant.Token);

        var embed = await (await owner.GetAsync($"/api/widget-keys/{tenant.WidgetKeyId}/embed-code")).Content.ReadFromJsonAsync<EmbedCode>();
        var invite = await (await owner.PostAsJsonAsync("/api/team/invitations", new { email = $"{Guid.NewGuid():N}@example.com", role = "agent" })).JsonAsync();

        Assert.StartsWith($"<script src=\"{Public}/widget/loader.js\"", embed!.Html, StringComparison.Ordinal);
        Assert.StartsWith($"{Public}/accept-invitation?token=", invite["inviteUrl"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("evil.example.com")]
    [InlineData("bob.example.test.evil.example.com")]
    [InlineData("evil.example.com:443")]
    public async Task A_request_for_another_host_is_refused_before_anything_runs(string host)
    {
        var tenant = await app.SignupAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/widget-keys/{tenant.WidgetKeyId}/embed-code");
        request.Headers.Host = host;
        request.Headers.Authorization = new("Bearer", tenant.Token);

        var response = await app.CreateClient().SendAsync(request);

        await response.AssertProblemAsync(400, "invalid_host");
        Assert.DoesNotContain("evil", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bob.example.test")]
    [InlineData("BOB.example.test")]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    public async Task The_public_host_and_loopback_names_are_served(string host)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Host = host;

        var response = await app.CreateClient().SendAsync(request);

        await response.AssertProblemAsync(401, "unauthenticated");
    }

    [Fact]
    public async Task Health_probes_answer_whatever_host_they_address()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Host = "10.1.2.3";

        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task The_management_port_answers_whatever_host_scrapers_address()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Bob:PublicUrl"] = Public }).Build();
        var reached = false;
        var filter = new HostFilterMiddleware(_ => { reached = true; return Task.CompletedTask; }, settings, Options.Create(new ManagementOptions { Port = 9464 }));
        var scrape = new DefaultHttpContext();
        scrape.Connection.LocalPort = 9464;
        scrape.Request.Host = new HostString("10.1.2.3", 9464);
        scrape.Request.Path = "/metrics";

        await filter.InvokeAsync(scrape);

        Assert.True(reached);
    }

    [Theory]
    [InlineData(null, "Bob:PublicUrl is not set")]
    [InlineData("bob.example.com", "must be an http(s) base URL")]
    [InlineData("ftp://bob.example.com", "must be an http(s) base URL")]
    public void Production_refuses_to_start_without_a_valid_public_url(string? publicUrl, string message)
    {
        using var production = new ProductionApp(publicUrl);

        var failure = Assert.ThrowsAny<Exception>(() => production.CreateClient());

        Assert.Contains(message, Flatten(failure), StringComparison.Ordinal);
    }

    private static string Flatten(Exception exception) =>
        exception.InnerException is null ? exception.Message : $"{exception.Message} {Flatten(exception.InnerException)}";

    private sealed record EmbedCode(string Html, string Key, string Position);

    public sealed class PublicUrlApp : BobWebApp
    {
        protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?> { ["Bob:PublicUrl"] = Public };
    }

    /// <summary>A node configured for Production; it must fail before it touches a database or starts a silo.</summary>
    private sealed class ProductionApp(string? publicUrl) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Bob:PublicUrl", publicUrl ?? "");
            builder.UseSetting("ConnectionStrings:Bob", "Host=127.0.0.1;Port=1;Database=none");
        }
    }
}
