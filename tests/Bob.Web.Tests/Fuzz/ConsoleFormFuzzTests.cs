using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Consoles;
using Xunit.Abstractions;

namespace Bob.Web.Tests.Fuzz;

/// <summary>
/// Hostile values in the fields of every console form, found in the pages as they are served (so forms added later are
/// covered): NUL, very long text, wrong types, a missing field, and the form without its <c>_csrf</c>. A case fails on
/// any 5xx, on a refusal that is neither a console page nor a problem, and on a refusal after which the database changed.
/// Forms without a field the user fills (suspend, publish, delete, log out…) are only posted without their CSRF token.
/// </summary>
public sealed class ConsoleFormFuzzTests(FuzzApp app, ITestOutputHelper output) : IClassFixture<FuzzApp>
{
    private static readonly (string Name, string? Value)[] Hostile =
    [
        ("NUL", "a\0b"),
        ("very long", new string('x', 20_000)),
        ("negative", "-1"),
        ("not a number", "twelve"),
        ("huge number", "1" + new string('0', 400)),
        ("markup", "<script>alert(1)</script>"),
        ("control characters", "\u0001\u001b[31m\u202e"),
        ("blank", ""),
        ("missing", null),
    ];

    [Fact]
    public async Task Hostile_field_values_on_every_console_form_are_refused_as_a_page_or_problem_never_a_5xx_and_store_nothing()
    {
        var world = await app.WorldAsync();
        var admin = await app.LoginAsync(BobWebApp.AdminEmail, BobWebApp.AdminPassword);
        var owner = new Session(world.Tenant.Token, world.Tenant.CsrfToken);
        var platform = new Session(admin["token"]!.GetValue<string>(), admin["csrfToken"]!.GetValue<string>());
        // An open draft, so the pricebook page shows its edit form.
        var draft = await app.Bearer(platform.Token).PostAsJsonAsync("/api/pricebook/drafts", new JsonObject());
        Assert.Equal(201, (int)draft.StatusCode);

        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.ServerAddress };
        var pages = ConsolePage.All.Select(p => (p.Path, Session: p.OpensFor(Roles.Owner) ? owner : platform))
            .Append(($"/admin/tenants/{world.Tenant.TenantId}", platform))
            .Append(($"/mission-control/{world.ConsoleSession}", owner))
            .ToList();
        var forms = new List<(ConsoleForm Form, Session Session)>();
        foreach (var (path, session) in pages)
        {
            using var page = await client.SendAsync(session.Get(path));
            Assert.True(page.StatusCode == System.Net.HttpStatusCode.OK, $"GET {path}: {(int)page.StatusCode}");
            forms.AddRange(ConsoleForms.In(path, await page.Content.ReadAsStringAsync()).Select(f => (f, session)));
        }
        Assert.Contains(forms, f => f.Form.Action.StartsWith("/admin/pricebook/drafts/", StringComparison.Ordinal) && f.Form.HasUserFields);

        var failures = new List<string>();
        var cases = 0;
        var refusedAsPage = 0;
        var before = await app.FingerprintAsync();
        async Task CheckAsync(ConsoleForm form, string what, HttpRequestMessage request, bool mustRefuse)
        {
            cases++;
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            var after = await app.FingerprintAsync();
            var described = body.Contains("<main id=\"main\"", StringComparison.Ordinal)
                || (response.Content.Headers.ContentType?.MediaType == "application/problem+json" && body.Contains("\"code\"", StringComparison.Ordinal));
            if (status == 400 && body.Contains("<main id=\"main\"", StringComparison.Ordinal))
            {
                refusedAsPage++;
            }
            if (status >= 500)
            {
                failures.Add($"{form} [{what}]: {status} {Start(body)}");
            }
            else if (status >= 400 && after != before)
            {
                failures.Add($"{form} [{what}]: refused with {status} but the database changed");
            }
            else if (status >= 400 && !described)
            {
                failures.Add($"{form} [{what}]: {status} neither a console page nor a problem: {Start(body)}");
            }
            else if (mustRefuse && status < 400)
            {
                failures.Add($"{form} [{what}]: accepted with {status}");
            }
            before = after;
        }

        foreach (var (form, session) in forms)
        {
            await CheckAsync(form, "no _csrf", session.Post(form.Action, form.Fields.Where(f => f.Key != PageForm.CsrfField)), mustRefuse: true);
            if (!form.HasUserFields)
            {
                continue;
            }
            foreach (var field in form.Fields.Select(f => f.Key).Where(k => k != PageForm.CsrfField).Distinct())
            {
                foreach (var (name, value) in Hostile)
                {
                    var fields = form.Fields.Where(f => f.Key != field).ToList();
                    if (value is not null)
                    {
                        fields.Add(new(field, value));
                    }
                    await CheckAsync(form, $"{field} = {name}", session.Post(form.Action, fields), mustRefuse: false);
                }
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"console form fuzz: {forms.Count} forms on {pages.Count} pages, {cases} cases, {refusedAsPage} shown again with errors"));
        foreach (var (form, _) in forms)
        {
            output.WriteLine($"  {form}: {string.Join(", ", form.Fields.Select(f => f.Key))}");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases} cases failed:\n" + string.Join('\n', failures.Take(40)));
        // The cases reached the handlers: forms were shown again with the API's field errors, not only refused upstream.
        Assert.True(refusedAsPage > 0, "no hostile value was refused by a form's own handler");
    }

    private static string Start(string body) => body.Length > 300 ? body[..300] : body;

    /// <summary>A signed-in member as the browser is: the session cookie, and the CSRF token the pages put in their forms.</summary>
    private sealed record Session(string Token, string Csrf)
    {
        public HttpRequestMessage Get(string path) => WithCookie(new HttpRequestMessage(HttpMethod.Get, path));

        public HttpRequestMessage Post(string action, IEnumerable<KeyValuePair<string, string>> fields) =>
            WithCookie(new HttpRequestMessage(HttpMethod.Post, action)
            {
                Content = new StringContent(string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value))),
                    Encoding.UTF8, "application/x-www-form-urlencoded"),
            });

        private HttpRequestMessage WithCookie(HttpRequestMessage request)
        {
            request.Headers.Add("Cookie", $"bob_session={Token}");
            return request;
        }
    }
}
