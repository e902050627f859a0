using System.Net.Http.Json;
using Bob.Testing;
using Bob.Web.Tests.Chat;

namespace Bob.Web.Tests.Assistant;

/// <summary>The platform has a hosted model configured (a fake OpenAI-compatible service on loopback, faked only at its HTTP boundary).</summary>
public class HostedModelApp : BobWebApp
{
    public FakeOpenAiServer Model { get; private set; } = null!;

    protected override async Task BeforeStartAsync() =>
        Model = await FakeOpenAiServer.StartAsync(FakeModelBehaviour.Answer, "Our hosted model says: parcels arrive in 2 days.");

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["Bob:Assistant:Hosted:Endpoint"] = Model.Endpoint.ToString(),
        ["Bob:Assistant:Hosted:Model"] = FakeOpenAiServer.Model,
        ["Bob:Assistant:Hosted:ApiKey"] = "sk-test",
        ["Bob:Assistant:Hosted:Timeout"] = "00:00:10",
        ["Bob:Assistant:Hosted:MaxRetries"] = "0",
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Model.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

[CollectionDefinition(Name)]
public sealed class HostedModelCollection : ICollectionFixture<HostedModelApp>
{
    public const string Name = "hosted-model";
}

[Collection(HostedModelCollection.Name)]
public sealed class HostedModelSelectionTests(HostedModelApp app)
{
    [Fact]
    public async Task A_tenant_that_chooses_the_hosted_model_is_answered_by_it_and_others_stay_builtin()
    {
        app.Model.Behaviour = FakeModelBehaviour.Answer;
        var hosted = await app.SignupAsync();
        var builtin = await app.SignupAsync();
        var chosen = await app.Bearer(hosted.Token).PatchAsJsonAsync("/api/tenant/settings", new { assistantEngine = "hosted" });
        Assert.Equal(200, (int)chosen.StatusCode);

        var hostedReply = await (await WidgetChatAsync(hosted, "When does my parcel arrive?")).JsonAsync();
        var builtinReply = await (await WidgetChatAsync(builtin, "When does my parcel arrive?")).JsonAsync();

        Assert.Equal("Our hosted model says: parcels arrive in 2 days.", hostedReply["reply"]!.GetValue<string>());
        Assert.DoesNotContain("hosted model", builtinReply["reply"]!.GetValue<string>(), StringComparison.Ordinal);
        var sent = app.Model.Requests[^1];
        Assert.Equal("Bearer sk-test", sent.Authorization);
        Assert.Contains(sent.Messages, m => m.Role == "user" && m.Content.Contains("When does my parcel arrive?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_the_hosted_model_fails_the_builtin_engine_answers_instead()
    {
        var tenant = await app.SignupAsync();
        await app.Bearer(tenant.Token).PatchAsJsonAsync("/api/tenant/settings", new { assistantEngine = "hosted" });
        app.Model.Behaviour = FakeModelBehaviour.ServerError;
        try
        {
            var response = await WidgetChatAsync(tenant, "When does my parcel arrive?");

            Assert.Equal(200, (int)response.StatusCode);
            var reply = (await response.JsonAsync())["reply"]!.GetValue<string>();
            Assert.False(string.IsNullOrWhiteSpace(reply));
            Assert.DoesNotContain("hosted model says", reply, StringComparison.Ordinal);
        }
        finally
        {
            app.Model.Behaviour = FakeModelBehaviour.Answer;
        }
    }

    [Fact]
    public async Task An_unknown_engine_name_is_refused()
    {
        var tenant = await app.SignupAsync();

        var response = await app.Bearer(tenant.Token).PatchAsJsonAsync("/api/tenant/settings", new { assistantEngine = "gpt-9000" });

        await response.AssertProblemAsync(400, "validation_failed");
    }

    private Task<HttpResponseMessage> WidgetChatAsync(TestTenant tenant, string message) =>
        app.Widget(tenant.WidgetKey).PostJsonAsync("/api/widget/chat", new { message });
}
