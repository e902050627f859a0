using System.Net;
using System.Net.Http.Json;
using Bob.Grains.Abstractions.Knowledge;
using Bob.Grains.Abstractions.Personas;
using Bob.Web.Tests.Chat;
using Bob.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bob.Web.Tests.Hardening;

/// <summary>
/// Text PostgreSQL cannot store (a NUL character) is refused at the edge with 400 <c>validation_failed</c> naming the
/// field, on every route, and nothing is stored; text that already sits in grain state with a NUL never breaks a turn.
/// </summary>
public sealed class UnstorableTextTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    private const string Nul = "\\u0000";

    [Fact]
    public async Task A_NUL_in_a_widget_message_is_refused_naming_the_field_and_nothing_is_stored()
    {
        var tenant = await app.SignupAsync();
        var sessionId = ChatApi.NewSession();

        var response = await app.Widget(tenant.WidgetKey).PostAsync("/api/widget/chat",
            ApiClient.RawJson($$"""{"session_id":"{{sessionId}}","message":"hello {{Nul}} there"}"""));

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]?["message"]);
        Assert.Null(await app.TranscriptAsync(tenant, sessionId));
    }

    [Fact]
    public async Task A_NUL_in_a_streamed_console_message_is_refused_before_the_stream_starts()
    {
        var tenant = await app.SignupAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat/message")
        {
            Content = ApiClient.RawJson($$"""{"message":"{{Nul}}"}"""),
        };
        request.Headers.Accept.ParseAdd("text/event-stream");

        var response = await app.Bearer(tenant.Token).SendAsync(request);

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]?["message"]);
    }

    [Theory]
    [InlineData("email")]
    [InlineData("password")]
    public async Task A_NUL_in_a_login_body_is_refused(string field)
    {
        var email = field == "email" ? $"a{Nul}b@example.com" : "someone@example.com";
        var password = field == "password" ? $"correct horse{Nul} battery" : "correct horse battery";

        var response = await app.CreateClient().PostAsync("/api/auth/login", ApiClient.RawJson($$"""{"email":"{{email}}","password":"{{password}}"}"""));

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]?[field]);
    }

    [Fact]
    public async Task A_NUL_in_an_agent_reply_is_refused_and_nothing_is_stored()
    {
        var tenant = await app.SignupAsync();
        var sessionId = ChatApi.NewSession();
        await app.WidgetChatAsync(tenant.WidgetKey, sessionId, "hello");

        var response = await app.Bearer(tenant.Token).PostAsync($"/api/chat/sessions/{sessionId}/reply", ApiClient.RawJson($$"""{"message":"Hi{{Nul}}"}"""));

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]?["message"]);
        Assert.Equal(["visitor", "assistant"], (await app.TurnsAsync(tenant, sessionId)).Select(t => t.Role));
    }

    [Fact]
    public async Task A_NUL_in_a_console_session_title_is_refused_and_no_session_is_made()
    {
        var tenant = await app.SignupAsync();

        var response = await app.Bearer(tenant.Token).PostAsync("/api/chat/session", ApiClient.RawJson($$"""{"title":"Order {{Nul}} 42"}"""));

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]?["title"]);
        Assert.Equal(0, (await app.SessionsAsync(tenant))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_NUL_in_a_session_search_is_refused_naming_the_query_parameter()
    {
        var tenant = await app.SignupAsync();

        var response = await app.Bearer(tenant.Token).GetAsync("/api/chat/sessions?q=abc%00def");

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]?["q"]);
    }

    [Theory]
    [InlineData("/api/personas", """{"name":"Bo{NUL}b","tone":"friendly"}""", "name")]
    [InlineData("/api/personas", """{"name":"Bob","tone":"friendly","systemPrompt":"be {NUL} nice"}""", "systemPrompt")]
    [InlineData("/api/knowledge", """{"title":"Returns{NUL}","content":"30 days"}""", "title")]
    [InlineData("/api/knowledge", """{"title":"Returns","content":"30 days","tags":["ok","b{NUL}ad"]}""", "tags")]
    [InlineData("/api/widget-keys", """{"name":"Site","allowedOrigins":["https://a.example.com{NUL}"]}""", "allowedOrigins")]
    public async Task A_NUL_in_a_management_body_is_refused_and_nothing_is_stored(string route, string json, string field)
    {
        var tenant = await app.SignupAsync();
        var owner = app.Bearer(tenant.Token);
        var before = await (await owner.GetAsync(route)).Content.ReadAsStringAsync();

        var response = await owner.PostAsync(route, ApiClient.RawJson(json.Replace("{NUL}", Nul, StringComparison.Ordinal)));

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]?[field]);
        Assert.Equal(before, await (await owner.GetAsync(route)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_NUL_in_a_business_name_is_refused_and_no_account_is_made()
    {
        var email = $"nul-{Guid.NewGuid():N}@example.com";

        var response = await app.CreateClient().PostAsync("/api/auth/signup",
            ApiClient.RawJson($$"""{"businessName":"Acme{{Nul}}","email":"{{email}}","password":"{{ApiClient.Password}}"}"""));

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]?["businessName"]);
        await (await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = ApiClient.Password })).AssertProblemAsync(401, "invalid_credentials");
    }

    [Fact]
    public async Task An_active_persona_stored_with_a_NUL_still_answers_json_and_streamed_turns()
    {
        var tenant = await app.SignupAsync();
        var personas = Cluster.GetGrain<IPersonaCatalogGrain>(tenant.TenantId);
        var created = await personas.CreateAsync(new PersonaInput("Ro\0sa", "", "friendly", "Greet \0 warmly."));
        await personas.ActivateAsync(created.Value!.Id);

        var reply = await app.WidgetChatAsync(tenant.WidgetKey, ChatApi.NewSession(), "hello");
        var streamed = await StreamAsync(tenant, "hello again");

        Assert.Equal("Ro\uFFFDsa", reply["persona"]!["name"]!.GetValue<string>());
        Assert.Equal("done", streamed[^1].Event);
    }

    [Fact]
    public async Task A_cited_article_stored_with_a_NUL_still_answers_json_and_streamed_turns()
    {
        var tenant = await app.SignupAsync();
        await Cluster.GetGrain<IKnowledgeBaseGrain>(tenant.TenantId)
            .CreateAsync(new KnowledgeInput("Zorblax\0 warranty", "The Zorblax kettle\0 comes with a warranty of two years.", ["warranty\0"]));

        var reply = await app.WidgetChatAsync(tenant.WidgetKey, ChatApi.NewSession(), "How long is the Zorblax kettle warranty?");
        var streamed = await StreamAsync(tenant, "How long is the Zorblax kettle warranty?");

        Assert.Equal("Zorblax\uFFFD warranty", Assert.Single(reply["citations"]!.AsArray())!["title"]!.GetValue<string>());
        Assert.Contains("two years", reply["reply"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("done", streamed[^1].Event);
        Assert.Single(streamed[^1].Json["citations"]!.AsArray());
    }

    private IClusterClient Cluster => app.Services.GetRequiredService<IClusterClient>();

    private async Task<List<SseEvent>> StreamAsync(TestTenant tenant, string message)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/widget/chat")
        {
            Content = ApiClient.RawJson(System.Text.Json.JsonSerializer.Serialize(new { session_id = ChatApi.NewSession(), message })),
        };
        request.Headers.Add("X-Widget-Key", tenant.WidgetKey);
        request.Headers.Add("Origin", ChatApi.ShopOrigin);
        request.Headers.Accept.ParseAdd("text/event-stream");
        var response = await app.CreateClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAllEventsAsync();
    }
}
