using System.Net;
using System.Net.Http.Headers;
using Bob.Web.Tests.Infrastructure;

namespace Bob.Web.Tests.Operations;

/// <summary>The Orleans Dashboard answers on the management port only: on the public port nobody reaches it, whoever they are.</summary>
[Collection(ObservedNode.Name)]
public sealed class ClusterDashboardTests(ObservedBobWebApp app)
{
    [Fact]
    public async Task The_dashboard_shows_the_cluster_on_the_management_port()
    {
        using var management = new HttpClient { BaseAddress = app.ManagementUrl };

        var page = await management.GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("text/html", page.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_callers_and_a_tenant_owner_are_refused_the_dashboard_on_the_public_port()
    {
        var tenant = await app.SignupAsync();
        using var anonymous = new HttpClient { BaseAddress = app.PublicUrl };
        using var owner = new HttpClient { BaseAddress = app.PublicUrl };
        owner.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant.Token);
        var admin = await app.LoginAsync(BobWebApp.AdminEmail, BobWebApp.AdminPassword);
        using var platformAdmin = new HttpClient { BaseAddress = app.PublicUrl };
        platformAdmin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin["token"]!.GetValue<string>());

        foreach (var client in new[] { anonymous, owner, platformAdmin })
        {
            await (await client.GetAsync("/dashboard/")).AssertProblemAsync(404, "not_found");
            // A Host header naming the management port changes nothing: the check is on the port the connection reached.
            using var spoofed = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
            spoofed.Headers.Host = $"127.0.0.1:{app.ManagementPort}";
            await (await client.SendAsync(spoofed)).AssertProblemAsync(404, "not_found");
        }
    }
}
