using System.Globalization;
using Bob.Assistant.Hosted;
using Bob.Assistant;
using Bob.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bob.Assistant.Tests;

public sealed class HostedModelTests
{
    private const string Question = "How long does delivery take?";

    [Fact]
    public async Task Hosted_model_answers_from_the_grounded_prompt_and_is_billed_by_usage()
    {
        await using var server = await FakeOpenAiServer.StartAsync(FakeModelBehaviour.Answer);
        await using var services = Services(server.Endpoint);
        var engine = services.GetRequiredService<IAssistantEngineSelector>().ForTenant("hosted");
        var history = new List<ConversationTurn> { new(TurnRole.Visitor, "Hi there"), new(TurnRole.Assistant, "Hello, I'm Ava.") };

        var reply = await engine.ReplyAsync(TestKnowledge.Request(Question, history: history), CancellationToken.None);

        Assert.Equal(server.AnswerText, reply.Text);
        Assert.Equal(AssistantEngineNames.Hosted, reply.Engine);
        Assert.Equal(3, reply.CreditsCost); // ceil((1500 + 700) / 1000)
        Assert.Equal("shipping", reply.Citations[0].Id);
        Assert.False(reply.Handoff);

        var received = Assert.Single(server.Requests);
        Assert.Equal("Bearer test-key", received.Authorization);
        Assert.Equal(FakeOpenAiServer.Model, received.Json["model"]!.ToString());
        Assert.DoesNotContain("bob.", received.Body, StringComparison.Ordinal);
        var messages = received.Messages;
        Assert.Equal("system", messages[0].Role);
        Assert.Contains(TestKnowledge.Persona().SystemPrompt, messages[0].Content, StringComparison.Ordinal);
        Assert.Contains("Standard delivery takes 3 to 5 business days.", messages[0].Content, StringComparison.Ordinal);
        Assert.Contains("Shipping and delivery", messages[0].Content, StringComparison.Ordinal);
        Assert.Contains("Answer only from the knowledge passages", messages[0].Content, StringComparison.Ordinal);
        Assert.Equal(("user", "Hi there"), messages[1]);
        Assert.Equal(("assistant", "Hello, I'm Ava."), messages[2]);
        Assert.Equal(("user", Question), messages[^1]);
    }

    [Fact]
    public async Task Hosted_model_streams_its_answer_and_the_deltas_add_up()
    {
        await using var server = await FakeOpenAiServer.StartAsync(FakeModelBehaviour.Answer);
        await using var services = Services(server.Endpoint);
        var engine = services.GetRequiredService<IAssistantEngineSelector>().ForTenant("hosted");

        var (deltas, final) = await TestKnowledge.StreamAll(engine, TestKnowledge.Request(Question));

        Assert.Equal(server.AnswerText, final.Text);
        Assert.Equal(final.Text, string.Concat(deltas));
        Assert.True(deltas.Count > 1);
        Assert.Equal(AssistantEngineNames.Hosted, final.Engine);
        Assert.Equal(3, final.CreditsCost);
        Assert.True(Assert.Single(server.Requests).Json["stream"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Server_errors_fall_back_to_the_built_in_answer_after_retrying()
    {
        await using var server = await FakeOpenAiServer.StartAsync(FakeModelBehaviour.ServerError);
        await using var services = Services(server.Endpoint, maxRetries: 1);
        var engine = services.GetRequiredService<IAssistantEngineSelector>().ForTenant("hosted");

        var reply = await engine.ReplyAsync(TestKnowledge.Request(Question), CancellationToken.None);

        Assert.Equal(AssistantEngineNames.BuiltIn, reply.Engine);
        Assert.Contains("3 to 5 business days", reply.Text, StringComparison.Ordinal);
        Assert.Equal(1, reply.CreditsCost);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Hanging_model_falls_back_to_the_built_in_answer_after_the_timeout()
    {
        await using var server = await FakeOpenAiServer.StartAsync(FakeModelBehaviour.Hang);
        await using var services = Services(server.Endpoint, timeout: "00:00:01");
        var engine = services.GetRequiredService<IAssistantEngineSelector>().ForTenant("hosted");

        var reply = await engine.ReplyAsync(TestKnowledge.Request(Question), CancellationToken.None);
        var (deltas, streamed) = await TestKnowledge.StreamAll(engine, TestKnowledge.Request(Question));

        Assert.Equal(AssistantEngineNames.BuiltIn, reply.Engine);
        Assert.Contains("3 to 5 business days", reply.Text, StringComparison.Ordinal);
        Assert.Equal(AssistantEngineNames.BuiltIn, streamed.Engine);
        Assert.Equal(reply.Text, streamed.Text);
        Assert.Equal(streamed.Text, string.Concat(deltas));
    }

    [Fact]
    public async Task Empty_model_answer_falls_back_to_the_built_in_answer()
    {
        await using var server = await FakeOpenAiServer.StartAsync(FakeModelBehaviour.EmptyAnswer);
        await using var services = Services(server.Endpoint);
        var engine = services.GetRequiredService<IAssistantEngineSelector>().ForTenant("hosted");

        var reply = await engine.ReplyAsync(TestKnowledge.Request(Question), CancellationToken.None);

        Assert.Equal(AssistantEngineNames.BuiltIn, reply.Engine);
        Assert.Contains("3 to 5 business days", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hosted_reply_echoing_the_system_prompt_is_scrubbed()
    {
        await using var server = await FakeOpenAiServer.StartAsync(FakeModelBehaviour.EchoSystemMessage);
        await using var services = Services(server.Endpoint);
        var engine = services.GetRequiredService<IAssistantEngineSelector>().ForTenant("hosted");

        var reply = await engine.ReplyAsync(TestKnowledge.Request(Question), CancellationToken.None);
        var (deltas, streamed) = await TestKnowledge.StreamAll(engine, TestKnowledge.Request(Question));

        Assert.Equal(AssistantEngineNames.Hosted, reply.Engine);
        Assert.DoesNotContain(TestKnowledge.Secret, reply.Text, StringComparison.Ordinal);
        Assert.Equal($"{ToneStyles.Friendly.InjectionRefusal} {ToneStyles.Friendly.Redirect}", reply.Text);
        Assert.DoesNotContain(TestKnowledge.Secret, string.Concat(deltas), StringComparison.Ordinal);
        Assert.Equal(streamed.Text, string.Concat(deltas));
    }

    [Fact]
    public async Task Environment_variables_configure_the_hosted_model()
    {
        await using var server = await FakeOpenAiServer.StartAsync(FakeModelBehaviour.Answer);
        const string prefix = "BOB_ASSISTANT_TEST_";
        Environment.SetEnvironmentVariable(prefix + "Bob__Assistant__Hosted__Endpoint", server.Endpoint.ToString());
        Environment.SetEnvironmentVariable(prefix + "Bob__Assistant__Hosted__Model", FakeOpenAiServer.Model);
        Environment.SetEnvironmentVariable(prefix + "Bob__Assistant__DefaultEngine", "hosted");
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();
            await using var services = new ServiceCollection().AddBobAssistant(configuration).BuildServiceProvider();

            var reply = await services.GetRequiredService<IAssistantEngine>().ReplyAsync(TestKnowledge.Request(Question), CancellationToken.None);

            Assert.Equal(AssistantEngineNames.Hosted, reply.Engine);
            Assert.Equal("Bearer unused", Assert.Single(server.Requests).Authorization);
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "Bob__Assistant__Hosted__Endpoint", null);
            Environment.SetEnvironmentVariable(prefix + "Bob__Assistant__Hosted__Model", null);
            Environment.SetEnvironmentVariable(prefix + "Bob__Assistant__DefaultEngine", null);
        }
    }

    [Fact]
    public async Task Platform_default_engine_applies_when_the_tenant_has_no_preference()
    {
        await using var server = await FakeOpenAiServer.StartAsync(FakeModelBehaviour.Answer);
        await using var services = Services(server.Endpoint, defaultEngine: "hosted");
        var selector = services.GetRequiredService<IAssistantEngineSelector>();

        var byDefault = await selector.ForTenant(null).ReplyAsync(TestKnowledge.Request(Question), CancellationToken.None);
        var builtIn = await selector.ForTenant("builtin").ReplyAsync(TestKnowledge.Request(Question), CancellationToken.None);

        Assert.Equal(AssistantEngineNames.Hosted, byDefault.Engine);
        Assert.Equal(AssistantEngineNames.BuiltIn, builtIn.Engine);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Tenant_asking_for_hosted_without_a_configured_model_gets_the_built_in_engine()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Bob:Assistant:Hosted:Model"] = "no-endpoint" }).Build();
        await using var services = new ServiceCollection().AddBobAssistant(configuration).BuildServiceProvider();

        var reply = await services.GetRequiredService<IAssistantEngineSelector>().ForTenant("hosted").ReplyAsync(TestKnowledge.Request(Question), CancellationToken.None);

        Assert.Equal(AssistantEngineNames.BuiltIn, reply.Engine);
        Assert.Null(HostedModelConfiguration.Read(configuration));
    }

    [Fact]
    public void Hosted_options_default_to_twenty_seconds_and_two_retries()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bob:Assistant:Hosted:Endpoint"] = "https://models.example/v1",
            ["Bob:Assistant:Hosted:Model"] = "m",
        }).Build();

        var options = HostedModelConfiguration.Read(configuration);

        Assert.NotNull(options);
        Assert.Equal(TimeSpan.FromSeconds(20), options.Timeout);
        Assert.Equal(2, options.MaxRetries);
        Assert.Null(options.ApiKey);
    }

    private static ServiceProvider Services(Uri endpoint, string timeout = "00:00:10", int maxRetries = 0, string? defaultEngine = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bob:Assistant:Hosted:Endpoint"] = endpoint.ToString(),
            ["Bob:Assistant:Hosted:Model"] = FakeOpenAiServer.Model,
            ["Bob:Assistant:Hosted:ApiKey"] = "test-key",
            ["Bob:Assistant:Hosted:Timeout"] = timeout,
            ["Bob:Assistant:Hosted:MaxRetries"] = maxRetries.ToString(CultureInfo.InvariantCulture),
            ["Bob:Assistant:DefaultEngine"] = defaultEngine,
        }).Build();
        return new ServiceCollection().AddBobAssistant(configuration).BuildServiceProvider();
    }
}
