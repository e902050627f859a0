using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bob.Web.Tests.Assistant;
using Bob.Web.Tests.Audit;
using Bob.Web.Tests.Operations;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bob.Web.Tests.Governance;

/// <summary>One node for the governance tests: the hosted model faked at its HTTP boundary on loopback, and every log event captured.</summary>
public sealed class GuardrailsApp : HostedModelApp
{
    public LogCapture Logs { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>(base.Overrides)
    {
        ["Logging:LogLevel:Default"] = "Debug",
        ["Logging:LogLevel:Bob.Web.Access"] = "Information",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(Logs));
    }
}

[CollectionDefinition(Name)]
public sealed class GuardrailsCollection : ICollectionFixture<GuardrailsApp>
{
    public const string Name = "guardrails";
}

public static class GovernanceApi
{
    public static object Document(bool piiRedaction = false, string[]? blockedTopics = null, string[]? handoffKeywords = null,
        string creditPolicy = "hard_stop", int? retentionDays = null, bool publicChat = false) =>
        new { blockedTopics = blockedTopics ?? [], piiRedaction, handoffKeywords = handoffKeywords ?? [], creditPolicy, retentionDays, publicChat };

    public static async Task<JsonObject> PutGovernanceAsync(this BobWebApp app, TestTenant tenant, object document)
    {
        var response = await app.Bearer(tenant.Token).PutAsJsonAsync("/api/governance", document);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    public static async Task<JsonObject> GovernanceAsync(this BobWebApp app, TestTenant tenant)
    {
        var response = await app.Bearer(tenant.Token).GetAsync("/api/governance");
        Assert.Equal(200, (int)response.StatusCode);
        return await response.JsonAsync();
    }

    public static Task<long> LastAuditIdAsync(this BobWebApp app, TestTenant tenant) => app.LastAuditIdAsync(tenant.Token);
}
