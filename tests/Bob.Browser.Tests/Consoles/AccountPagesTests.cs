using System.Net;
using Bob.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Bob.Browser.Tests.Consoles;

/// <summary>Signing up, in and out in the browser, the page access rules, and CSRF on the consoles' forms.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountPagesTests(BrowserWorld world)
{
    [Fact]
    public async Task A_business_signs_up_in_the_browser_and_lands_signed_in_on_its_portal()
    {
        await using var session = await world.NewPageAsync();
        var page = session.Page;
        await page.GotoAsync(world.BobUrl("/"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign up for free" }).ClickAsync();

        var business = $"Kettles {Guid.NewGuid():N}"[..16];
        await page.GetByLabel("Business name").FillAsync(business);
        await page.GetByLabel("Your email").FillAsync($"owner-{Guid.NewGuid():N}@example.com");
        await page.GetByLabel("Password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        // The API's field error, next to its field and tied to it; what was typed is kept (except the password).
        var password = page.GetByLabel("Password");
        await Expect(password).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#" + (await password.GetAttributeAsync("aria-describedby"))!.Split(' ').Last())).ToContainTextAsync("password must be 10..256 characters");
        await Expect(page.GetByLabel("Business name")).ToHaveValueAsync(business);

        await password.FillAsync(ApiClient.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(world.BobUrl("/portal"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(business);
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Console" }).GetByRole(AriaRole.Link, new() { Name = "Widget setup" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(world.BobUrl("/"));
        await page.GotoAsync(world.BobUrl("/portal"));
        await Expect(page).ToHaveURLAsync(world.BobUrl("/login?returnUrl=%2Fportal"));
        Assert.Empty(session.ScriptErrors());
    }

    [Fact]
    public async Task A_wrong_password_is_refused_on_the_form_and_a_foreign_return_address_is_never_followed()
    {
        var tenant = await world.Bob.SignupAsync();
        await using var session = await world.NewPageAsync();
        var page = session.Page;
        await page.GotoAsync(world.BobUrl("/login?returnUrl=" + Uri.EscapeDataString("//evil.example/steal")));
        await page.GetByLabel("Email").FillAsync(tenant.OwnerEmail);
        await page.GetByLabel("Password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Email")).ToHaveValueAsync(tenant.OwnerEmail);

        await session.LogInAsync(tenant.OwnerEmail, tenant.Password);
        await Expect(page).ToHaveURLAsync(world.BobUrl("/portal"));
    }

    [Fact]
    public async Task A_console_form_posted_with_the_session_cookie_but_without_its_csrf_token_is_refused()
    {
        var tenant = await world.Bob.SignupAsync();
        var crossSite = world.CookieClient(tenant.Token);
        crossSite.DefaultRequestHeaders.Add("Origin", world.Site.Origin.GetLeftPart(UriPartial.Authority));
        crossSite.DefaultRequestHeaders.Add("Sec-Fetch-Site", "cross-site");

        var withoutToken = await world.CookieClient(tenant.Token).PostAsync("/logout", new FormUrlEncodedContent([]));
        var wrongToken = await world.CookieClient(tenant.Token).PostAsync("/logout", new FormUrlEncodedContent([new("_csrf", "not-the-token")]));
        var fromAnotherSite = await crossSite.PostAsync("/logout", new FormUrlEncodedContent([new("_csrf", tenant.CsrfToken)]));

        foreach (var refused in new[] { withoutToken, wrongToken, fromAnotherSite })
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        }
        // Nothing happened: the session still works.
        Assert.Equal(HttpStatusCode.OK, (await world.Bob.Bearer(tenant.Token).GetAsync("/api/auth/me")).StatusCode);

        var withToken = await world.CookieClient(tenant.Token).PostAsync("/logout", new FormUrlEncodedContent([new("_csrf", tenant.CsrfToken)]));
        Assert.Equal(HttpStatusCode.SeeOther, withToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await world.Bob.Bearer(tenant.Token).GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_login_form_posted_from_another_site_is_refused()
    {
        var tenant = await world.Bob.SignupAsync();
        var client = world.CookieClient(token: null);
        client.DefaultRequestHeaders.Add("Origin", world.Site.Origin.GetLeftPart(UriPartial.Authority));
        var response = await client.PostAsync("/login", new FormUrlEncodedContent([new("email", tenant.OwnerEmail), new("password", tenant.Password)]));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task The_public_and_account_pages_pass_accessibility_weight_and_phone_checks()
    {
        var tenant = await world.Bob.SignupAsync();
        await using (var anonymous = await world.NewPageAsync(bypassCsp: true))
        {
            await anonymous.CheckPageAsync(world.BobUrl("/"), "home");
            await anonymous.CheckPageAsync(world.BobUrl("/login"), "login");
            await anonymous.CheckPageAsync(world.BobUrl("/signup"), "signup");
            await anonymous.CheckPageAsync(world.BobUrl("/accept-invitation?token=abc"), "accept-invitation");
        }
        await using var owner = await world.SignedInAsync(tenant.OwnerEmail, tenant.Password, bypassCsp: true);
        await owner.CheckPageAsync(world.BobUrl("/portal"), "portal");
    }
}
