using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Bob.Web.Features.Demo;

/// <summary>
/// Sets up the sample business the way a new user would, through Bob's public HTTP API: sign up (or log in when the
/// owner exists), the persona, the articles, a widget key allowed on the shop's origin. Each step first looks at what
/// exists, so a second run changes nothing (no SQL fixtures, no second copies).
/// </summary>
public static class DemoSeeder
{
    /// <summary>Returns the widget key the shop page embeds. <paramref name="bob"/> is this seeder's own client (it sets its bearer token).</summary>
    public static async Task<string> SeedAsync(HttpClient bob, DemoOptions options, string shopOrigin, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(bob);
        ArgumentNullException.ThrowIfNull(options);
        var signup = await bob.PostAsJsonAsync("api/auth/signup",
            new { businessName = DemoContent.BusinessName, email = options.OwnerEmail, password = options.OwnerPassword, website = shopOrigin }, cancellation);
        if (signup.StatusCode != HttpStatusCode.Conflict)
        {
            await ReadAsync(signup, "sign up", cancellation);
        }
        var login = await ReadAsync(await bob.PostAsJsonAsync("api/auth/login", new { email = options.OwnerEmail, password = options.OwnerPassword }, cancellation),
            "log in", cancellation);
        bob.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login["token"]!.GetValue<string>());

        await PersonaAsync(bob, cancellation);
        await ArticlesAsync(bob, cancellation);
        return await WidgetKeyAsync(bob, shopOrigin, cancellation);
    }

    private static async Task PersonaAsync(HttpClient bob, CancellationToken cancellation)
    {
        var personas = (await ReadAsync(await bob.GetAsync("api/personas", cancellation), "list personas", cancellation)).AsArray();
        var persona = personas.FirstOrDefault(p => p!["name"]!.GetValue<string>() == DemoContent.PersonaName)
            ?? await ReadAsync(await bob.PostAsJsonAsync("api/personas", DemoContent.Persona, cancellation), "create the persona", cancellation);
        if (!persona["active"]!.GetValue<bool>())
        {
            await ReadAsync(await bob.PostAsync($"api/personas/{persona["id"]!.GetValue<string>()}/activate", null, cancellation), "activate the persona", cancellation);
        }
    }

    private static async Task ArticlesAsync(HttpClient bob, CancellationToken cancellation)
    {
        var existing = (await ReadAsync(await bob.GetAsync("api/knowledge", cancellation), "list articles", cancellation)).AsArray()
            .Select(a => a!["title"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        foreach (var (title, content, tags) in DemoContent.Articles.Where(a => !existing.Contains(a.Title)))
        {
            await ReadAsync(await bob.PostAsJsonAsync("api/knowledge", new { title, content, tags }, cancellation), $"add the article '{title}'", cancellation);
        }
    }

    /// <summary>The tenant's first key, allowed on the shop's origin (a plan includes few integrations, so the key is reused, not multiplied).</summary>
    private static async Task<string> WidgetKeyAsync(HttpClient bob, string shopOrigin, CancellationToken cancellation)
    {
        var keys = (await ReadAsync(await bob.GetAsync("api/widget-keys", cancellation), "list widget keys", cancellation)).AsArray();
        if (keys.FirstOrDefault() is not { } key)
        {
            var created = await bob.PostAsJsonAsync("api/widget-keys", new { name = "Demo shop", allowedOrigins = new[] { shopOrigin } }, cancellation);
            return (await ReadAsync(created, "create a widget key", cancellation))["key"]!.GetValue<string>();
        }
        var origins = key["allowedOrigins"]!.AsArray().Select(o => o!.GetValue<string>()).ToList();
        if (!origins.Contains(shopOrigin, StringComparer.OrdinalIgnoreCase))
        {
            await ReadAsync(await bob.PatchAsJsonAsync($"api/widget-keys/{key["id"]!.GetValue<string>()}", new { allowedOrigins = origins.Append(shopOrigin) }, cancellation),
                "allow the shop's origin", cancellation);
        }
        return key["key"]!.GetValue<string>();
    }

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response, string step, CancellationToken cancellation)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellation);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"The demo could not {step}: {(int)response.StatusCode} {body}");
            }
            return JsonNode.Parse(body.Length == 0 ? "{}" : body)!;
        }
    }
}
