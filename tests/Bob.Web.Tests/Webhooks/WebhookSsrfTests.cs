using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bob.Testing.Webhooks;
using Bob.Web.Tests.Chat;

namespace Bob.Web.Tests.Webhooks;

/// <summary>
/// The SSRF guard with its default (private networks not allowed). Names resolve through the test network only, which
/// records every connection the guard lets through and refuses all but loopback: a guard that let a private address
/// through fails these assertions before any packet leaves the machine.
/// </summary>
public sealed class WebhookSsrfTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    [Theory]
    [InlineData("http://127.0.0.1/hook")]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://10.0.0.1/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://[::ffff:10.0.0.1]/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://192.168.1.20/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://intranet.bob-test.example/hook")]
    [InlineData("https://nowhere.bob-test.example/hook")]
    public async Task Registration_refuses_a_url_that_does_not_reach_a_public_address(string url)
    {
        app.Network.Names["intranet.bob-test.example"] = [IPAddress.Parse("10.20.30.40")];
        var tenant = await app.SignupAsync();
        var connectionsBefore = app.Network.Connections.Count;

        var response = await app.Bearer(tenant.Token).PostAsJsonAsync("/api/webhooks", new { url, events = new[] { "message.created" } });

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]?["url"]);
        Assert.Empty((await (await app.Bearer(tenant.Token).GetAsync("/api/webhooks")).Content.ReadFromJsonAsync<JsonArray>())!);
        Assert.Equal(connectionsBefore, app.Network.Connections.Count);
    }

    [Fact]
    public async Task A_name_that_rebinds_to_a_private_address_is_refused_where_the_connection_is_made()
    {
        const string host = "hooks.rebind.bob-test.example";
        var publicAddress = IPAddress.Parse("93.184.216.34");
        var privateAddress = IPAddress.Parse("10.0.0.7");
        app.Network.Names[host] = [publicAddress];
        var tenant = await app.SignupAsync();
        var endpoint = await app.RegisterAsync(tenant, new Uri($"https://{host}/hook"), "message.created");
        var owner = app.Bearer(tenant.Token);

        app.Network.Names[host] = [publicAddress, privateAddress];
        var rebound = await (await owner.PostAsync($"/api/webhooks/{endpoint.Id()}/test", null)).OkJsonAsync(HttpStatusCode.Accepted);
        var refused = await Eventually.ReturnsAsync(() => app.DeliveriesAsync(tenant, endpoint.Id()), l => l["items"]![0]!["attempt"]!.GetValue<int>() >= 1);

        Assert.Equal(rebound["deliveryId"]!.GetValue<string>(), refused["items"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("address_not_allowed", refused["items"]![0]!["error"]!.GetValue<string>());
        Assert.DoesNotContain(app.Network.Connections, c => c.Address.Equals(privateAddress) || c.Address.Equals(publicAddress));

        // Control: with a public answer again the guard hands the address to the connector (which, in tests, refuses it):
        // the check sits exactly where connections are made.
        app.Network.Names[host] = [publicAddress];
        await owner.PostAsync($"/api/webhooks/{endpoint.Id()}/deliveries/{rebound["deliveryId"]!.GetValue<string>()}/redeliver", null);
        await Eventually.ReturnsAsync(() => Task.FromResult(app.Network.Connections.ToList()), c => c.Exists(e => e.Address.Equals(publicAddress)));
        Assert.Contains(app.Network.Connections, c => c.Address.Equals(publicAddress) && c.Port == 443);
        Assert.DoesNotContain(app.Network.Connections, c => c.Address.Equals(privateAddress));
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/webhooks/{endpoint.Id()}")).StatusCode); // no retries after this test
    }
}

/// <summary>Redirects are never followed, wherever they point; needs a reachable (loopback) receiver, hence private networks allowed.</summary>
public sealed class WebhookRedirectTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    [Fact]
    public async Task A_redirect_to_a_private_address_is_not_followed()
    {
        var tenant = await app.SignupAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var elsewhere = await WebhookReceiver.StartAsync();
        receiver.RedirectTo = "https://10.0.0.1/hook";
        var endpoint = await app.RegisterAsync(tenant, receiver.Url, "message.created");
        var owner = app.Bearer(tenant.Token);

        await owner.PostAsync($"/api/webhooks/{endpoint.Id()}/test", null);
        var log = await Eventually.ReturnsAsync(() => app.DeliveriesAsync(tenant, endpoint.Id()), l => l["items"]![0]!["attempt"]!.GetValue<int>() >= 1);
        receiver.RedirectTo = elsewhere.Url.ToString();
        await owner.PostAsync($"/api/webhooks/{endpoint.Id()}/test", null);
        await Eventually.ReturnsAsync(() => app.DeliveriesAsync(tenant, endpoint.Id()), l => l["items"]!.AsArray().Count == 2 && l["items"]![0]!["attempt"]!.GetValue<int>() >= 1);

        Assert.Equal(307, log["items"]![0]!["statusCode"]!.GetValue<int>());
        Assert.Equal("redirect_not_followed", log["items"]![0]!["error"]!.GetValue<string>());
        Assert.DoesNotContain(app.Network.Connections, c => c.Address.Equals(IPAddress.Parse("10.0.0.1")));
        Assert.Empty(app.Network.NonLoopbackConnections);
        Assert.Empty(elsewhere.Received);
    }
}
