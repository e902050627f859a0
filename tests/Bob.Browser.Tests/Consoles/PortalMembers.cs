using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bob.Browser.Tests.Infrastructure;

namespace Bob.Browser.Tests.Consoles;

/// <summary>Setting a tenant up over the API for the portal page tests: team members and what they cause.</summary>
public static class PortalMembers
{
    /// <summary>Adds a member with <paramref name="role"/> and returns their email (the password is <see cref="ApiClient.Password"/>).</summary>
    public static async Task<string> AddMemberAsync(this BrowserWorld world, TestTenant tenant, string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}@example.com";
        await world.Bob.AddMemberAsync(tenant, role, email);
        return email;
    }

    /// <summary>Asserts a signed-in <paramref name="role"/> gets the 403 page at <paramref name="path"/> and no link to it.</summary>
    public static async Task AssertForbiddenAsync(this BrowserWorld world, TestTenant tenant, string role, string path, string navLabel)
    {
        var email = await world.AddMemberAsync(tenant, role);
        await using var member = await world.SignedInAsync(email, ApiClient.Password);
        var response = await member.Page.GotoAsync(world.BobUrl(path));
        Assert.Equal(403, response!.Status);
        Assert.Equal(0, await member.Page.GetByRole(AriaRole.Link, new() { Name = navLabel, Exact = true }).CountAsync());
        Assert.Equal(0, await member.Page.Locator("main form[method='post']").CountAsync());
    }

    public static async Task<JsonObject> GetJsonAsync(this BrowserWorld world, TestTenant tenant, string path)
    {
        var response = await world.Bob.Bearer(tenant.Token).GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
