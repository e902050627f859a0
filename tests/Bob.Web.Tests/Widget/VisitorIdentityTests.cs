using System.Net;
using System.Text.Json.Nodes;
using Bob.Web.Tests.Chat;

namespace Bob.Web.Tests.Widget;

/// <summary>Verified visitor identity (API.md, "Visitor identity"): a business signs its visitor with the widget key's identity
/// secret (HMAC of the user id, or an HS256 JWT); Bob trusts only what verifies, and a signed-in visitor's conversations follow
/// them to any device without the visitor token.</summary>
public sealed class VisitorIdentityTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private async Task<(TestTenant Tenant, string Secret)> TenantWithSecretAsync()
    {
        var tenant = await app.SignupAsync();
        return (tenant, await app.IssueIdentitySecretAsync(tenant));
    }

    private HttpClient Widget(TestTenant tenant, string? identity)
    {
        var client = app.Widget(tenant.WidgetKey);
        return identity is null ? client : client.WithIdentity(identity);
    }

    [Fact]
    public async Task A_valid_hmac_and_a_valid_jwt_are_accepted_and_the_conversation_remembers_who_the_visitor_is()
    {
        var (tenant, secret) = await TenantWithSecretAsync();

        var byHmac = await (await Widget(tenant, VisitorSigning.Hmac(secret, "cust-42")).PostJsonAsync("/api/widget/chat", new { message = "hello, signed by hmac" })).OkJsonAsync();
        var byJwt = await (await Widget(tenant, VisitorSigning.Jwt(secret, VisitorSigning.Claims("cust-7", Now))).PostJsonAsync("/api/widget/chat", new { message = "hello, signed by jwt" })).OkJsonAsync();

        var hmacTranscript = (await app.TranscriptAsync(tenant, byHmac["session_id"]!.GetValue<string>()))!;
        var jwtTranscript = (await app.TranscriptAsync(tenant, byJwt["session_id"]!.GetValue<string>()))!;
        Assert.Equal("cust-42", hmacTranscript["visitor"]!["user_id"]!.GetValue<string>());
        Assert.Null(hmacTranscript["visitor"]!["email"]);
        Assert.True(hmacTranscript["visitor"]!["verified"]!.GetValue<bool>());
        Assert.Equal("cust-7", jwtTranscript["visitor"]!["user_id"]!.GetValue<string>());
        Assert.Equal("cust-7@customers.example.com", jwtTranscript["visitor"]!["email"]!.GetValue<string>());
        Assert.Equal("Customer cust-7", jwtTranscript["visitor"]!["name"]!.GetValue<string>());
        var listed = await app.SessionsAsync(tenant);
        var row = listed["items"]!.AsArray().Single(i => i!["session_id"]!.GetValue<string>() == byJwt["session_id"]!.GetValue<string>())!;
        Assert.Equal("cust-7", row["visitor"]!["user_id"]!.GetValue<string>());
        var anonymous = await app.WidgetChatAsync(tenant.WidgetKey, ChatApi.NewSession(), "no identity at all");
        Assert.Null((await app.TranscriptAsync(tenant, anonymous["session_id"]!.GetValue<string>()))!["visitor"]);
    }

    [Fact]
    public async Task Wrong_expired_future_dated_other_key_and_unsigned_identities_are_refused_and_nothing_is_stored()
    {
        var (tenant, secret) = await TenantWithSecretAsync();
        var (_, otherSecret) = await TenantWithSecretAsync();
        var expired = VisitorSigning.Claims("cust-1", Now.AddHours(-3));
        var futureIat = VisitorSigning.Claims("cust-1", Now);
        futureIat["iat"] = Now.AddMinutes(20).ToUnixTimeSeconds();
        var futureNbf = VisitorSigning.Claims("cust-1", Now);
        futureNbf["nbf"] = Now.AddMinutes(20).ToUnixTimeSeconds();
        var tooLong = VisitorSigning.Claims("cust-1", Now, TimeSpan.FromDays(3));
        var noExp = VisitorSigning.Claims("cust-1", Now);
        noExp.Remove("exp");
        var refused = new Dictionary<string, string>
        {
            ["wrong hmac"] = VisitorSigning.Hmac(secret, "cust-1")[..^2] + "00",
            ["hmac of another user"] = "cust-2." + VisitorSigning.Hmac(secret, "cust-1").Split('.')[1],
            ["expired"] = VisitorSigning.Jwt(secret, expired),
            ["iat in the future"] = VisitorSigning.Jwt(secret, futureIat),
            ["nbf in the future"] = VisitorSigning.Jwt(secret, futureNbf),
            ["exp days ahead"] = VisitorSigning.Jwt(secret, tooLong),
            ["no exp"] = VisitorSigning.Jwt(secret, noExp),
            ["other key's hmac"] = VisitorSigning.Hmac(otherSecret, "cust-1"),
            ["other key's jwt"] = VisitorSigning.Jwt(otherSecret, VisitorSigning.Claims("cust-1", Now)),
            ["alg none"] = VisitorSigning.Jwt(secret, VisitorSigning.Claims("cust-1", Now), alg: "none"),
            ["alg HS512 label"] = VisitorSigning.Jwt(secret, VisitorSigning.Claims("cust-1", Now), alg: "HS512"),
            ["garbage"] = "not-an-identity",
        };

        foreach (var (why, identity) in refused)
        {
            var session = ChatApi.NewSession();
            var response = await Widget(tenant, identity).PostJsonAsync("/api/widget/chat", new { session_id = session, message = "let me in" });
            var problem = await response.AssertProblemAsync(401, "identity_invalid");
            Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()), why);
            Assert.Null(await app.TranscriptAsync(tenant, session));
        }
        var byQuery = await app.Widget(tenant.WidgetKey).GetAsync($"/api/widget/sessions?identity={Uri.EscapeDataString(refused["expired"])}");
        await byQuery.AssertProblemAsync(401, "identity_invalid");
    }

    [Fact]
    public async Task A_key_without_a_secret_refuses_any_identity()
    {
        var tenant = await app.SignupAsync();
        var response = await Widget(tenant, VisitorSigning.Hmac("bis_guessed", "cust-1")).PostJsonAsync("/api/widget/chat", new { message = "hi" });
        await response.AssertProblemAsync(401, "identity_invalid");
    }

    [Fact]
    public async Task A_new_secret_replaces_the_old_one_which_still_verifies_meanwhile()
    {
        var (tenant, first) = await TenantWithSecretAsync();
        var second = await app.IssueIdentitySecretAsync(tenant);

        Assert.NotEqual(first, second);
        Assert.StartsWith("bis_", second, StringComparison.Ordinal);
        await (await Widget(tenant, VisitorSigning.Hmac(first, "cust-old")).PostJsonAsync("/api/widget/chat", new { message = "signed with the old secret" })).OkJsonAsync();
        await (await Widget(tenant, VisitorSigning.Hmac(second, "cust-new")).PostJsonAsync("/api/widget/chat", new { message = "signed with the new secret" })).OkJsonAsync();
        var key = await (await app.Bearer(tenant.Token).GetAsync($"/api/widget-keys/{tenant.WidgetKeyId}")).OkJsonAsync();
        Assert.NotNull(key["identitySecretIssuedAt"]);
        Assert.DoesNotContain(first, key.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(second, key.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requiring_identity_needs_a_secret_first_then_refuses_anonymous_turns_but_not_the_config()
    {
        var tenant = await app.SignupAsync();
        var owner = app.Bearer(tenant.Token);

        var tooEarly = await owner.PatchAsync($"/api/widget-keys/{tenant.WidgetKeyId}", ApiClient.RawJson("""{"requireIdentity":true}"""));
        await tooEarly.AssertProblemAsync(400, "validation_failed");
        var secret = await app.IssueIdentitySecretAsync(tenant);
        var required = await (await owner.PatchAsync($"/api/widget-keys/{tenant.WidgetKeyId}", ApiClient.RawJson("""{"requireIdentity":true}"""))).OkJsonAsync();
        Assert.True(required["requireIdentity"]!.GetValue<bool>());

        var session = ChatApi.NewSession();
        var anonymous = await Widget(tenant, null).PostJsonAsync("/api/widget/chat", new { session_id = session, message = "anonymous" });
        var anonymousHandoff = await Widget(tenant, null).PostJsonAsync("/api/widget/handoff", new { session_id = session });
        var config = await Widget(tenant, null).GetAsync("/api/widget/config");
        var signedIn = await Widget(tenant, VisitorSigning.Hmac(secret, "cust-9")).PostJsonAsync("/api/widget/chat", new { message = "signed in" });

        await anonymous.AssertProblemAsync(401, "identity_required");
        await anonymousHandoff.AssertProblemAsync(401, "identity_required");
        Assert.Equal(HttpStatusCode.OK, config.StatusCode);
        await signedIn.OkJsonAsync();
        Assert.Null(await app.TranscriptAsync(tenant, session));
        var relaxed = await (await owner.PatchAsync($"/api/widget-keys/{tenant.WidgetKeyId}", ApiClient.RawJson("""{"requireIdentity":false}"""))).OkJsonAsync();
        Assert.False(relaxed["requireIdentity"]!.GetValue<bool>());
        await (await Widget(tenant, null).PostJsonAsync("/api/widget/chat", new { message = "anonymous again" })).OkJsonAsync();
    }

    [Fact]
    public async Task The_same_signed_in_visitor_finds_and_continues_their_conversation_on_a_second_device_without_the_token()
    {
        var (tenant, secret) = await TenantWithSecretAsync();
        var laptop = Widget(tenant, VisitorSigning.Hmac(secret, "cust-5"));
        var first = await (await laptop.PostJsonAsync("/api/widget/chat", new { message = "Where is my order 1234?" })).OkJsonAsync();
        var sessionId = first["session_id"]!.GetValue<string>();
        var older = await (await laptop.PostJsonAsync("/api/widget/chat", new { message = "An older question" })).OkJsonAsync();
        await laptop.PostJsonAsync("/api/widget/chat", new { session_id = sessionId, visitor_token = first["visitor_token"]!.GetValue<string>(), message = "Any news?" });

        var phone = Widget(tenant, VisitorSigning.Jwt(secret, VisitorSigning.Claims("cust-5", Now)));
        var sessions = await (await phone.GetAsync("/api/widget/sessions")).OkJsonAsync();
        var history = await (await phone.GetAsync($"/api/widget/sessions/{sessionId}/messages")).OkJsonAsync();
        var continued = await (await phone.PostJsonAsync("/api/widget/chat", new { session_id = sessionId, message = "Asking from my phone" })).OkJsonAsync();
        var events = await app.Widget(null).GetAsync($"/api/widget/sessions/{sessionId}/messages?key={tenant.WidgetKey}&identity={Uri.EscapeDataString(VisitorSigning.Hmac(secret, "cust-5"))}");

        Assert.Equal([sessionId, older["session_id"]!.GetValue<string>()], sessions["sessions"]!.AsArray().Select(s => s!["session_id"]!.GetValue<string>()));
        Assert.Equal(4, sessions["sessions"]![0]!["message_count"]!.GetValue<int>());
        Assert.Equal("Where is my order 1234?", history["messages"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(sessionId, continued["session_id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        Assert.Equal(6, (await app.TurnsAsync(tenant, sessionId)).Count);
    }

    [Fact]
    public async Task Another_signed_in_visitor_or_an_anonymous_one_neither_lists_nor_reads_nor_continues_someone_elses_conversation()
    {
        var (tenant, secret) = await TenantWithSecretAsync();
        var owned = await (await Widget(tenant, VisitorSigning.Hmac(secret, "cust-a")).PostJsonAsync("/api/widget/chat", new { message = "mine" })).OkJsonAsync();
        var sessionId = owned["session_id"]!.GetValue<string>();
        var other = Widget(tenant, VisitorSigning.Hmac(secret, "cust-b"));

        var otherList = await (await other.GetAsync("/api/widget/sessions")).OkJsonAsync();
        var otherRead = await other.GetAsync($"/api/widget/sessions/{sessionId}/messages");
        var otherTurn = await other.PostJsonAsync("/api/widget/chat", new { session_id = sessionId, message = "not mine" });
        var anonymousList = await Widget(tenant, null).GetAsync("/api/widget/sessions");
        var (otherTenant, otherTenantSecret) = await TenantWithSecretAsync();
        var otherTenantList = await (await Widget(otherTenant, VisitorSigning.Hmac(otherTenantSecret, "cust-a")).GetAsync("/api/widget/sessions")).OkJsonAsync();

        Assert.Empty(otherList["sessions"]!.AsArray());
        await otherRead.AssertProblemAsync(401, "visitor_token_required");
        await otherTurn.AssertProblemAsync(401, "visitor_token_required");
        await anonymousList.AssertProblemAsync(401, "identity_required");
        Assert.Empty(otherTenantList["sessions"]!.AsArray());
        Assert.Equal(2, (await app.TurnsAsync(tenant, sessionId)).Count);
    }

    [Fact]
    public async Task The_preflight_allows_the_identity_header()
    {
        var tenant = await app.SignupAsync();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, $"/api/widget/chat?key={tenant.WidgetKey}");
        preflight.Headers.Add("Origin", ChatApi.ShopOrigin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type, x-widget-key, x-bob-identity");

        var response = await app.CreateClient().SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Contains("X-Bob-Identity", ChatApi.Header(response, "Access-Control-Allow-Headers"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_identity_secret_route_needs_widget_manage_and_a_key_of_the_callers_tenant()
    {
        var tenant = await app.SignupAsync();
        var other = await app.SignupAsync();
        var viewer = await app.InviteMemberAsync(tenant, "viewer");

        var anonymous = await app.CreateClient().PostAsync($"/api/widget-keys/{tenant.WidgetKeyId}/identity-secret", null);
        var asViewer = await app.Bearer(viewer).PostAsync($"/api/widget-keys/{tenant.WidgetKeyId}/identity-secret", null);
        var foreign = await app.Bearer(other.Token).PostAsync($"/api/widget-keys/{tenant.WidgetKeyId}/identity-secret", null);
        var unknown = await app.Bearer(tenant.Token).PostAsync("/api/widget-keys/wk_nope/identity-secret", null);
        var cookieWithoutCsrf = await app.Cookie(tenant.Token).PostAsync($"/api/widget-keys/{tenant.WidgetKeyId}/identity-secret", null);
        var badPatch = await app.Bearer(tenant.Token).PatchAsync($"/api/widget-keys/{tenant.WidgetKeyId}", ApiClient.RawJson("""{"requireIdentity":"yes"}"""));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        await asViewer.AssertProblemAsync(403, "forbidden");
        await foreign.AssertProblemAsync(404, "not_found");
        await unknown.AssertProblemAsync(404, "not_found");
        await cookieWithoutCsrf.AssertProblemAsync(403, "csrf_failed");
        Assert.Equal(HttpStatusCode.BadRequest, badPatch.StatusCode);
        Assert.Null((await (await app.Bearer(tenant.Token).GetAsync($"/api/widget-keys/{tenant.WidgetKeyId}")).OkJsonAsync())["identitySecretIssuedAt"]);
    }
}
