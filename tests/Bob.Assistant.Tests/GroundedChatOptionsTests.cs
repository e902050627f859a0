using Bob.Assistant.BuiltIn;
using Microsoft.Extensions.AI;

namespace Bob.Assistant.Tests;

public sealed class GroundedChatOptionsTests
{
    private static AssistantGrounding Grounding(string message) =>
        new(TestKnowledge.Persona("formal"), ToneStyles.Formal, TestKnowledge.Index.Search(message), [], message, string.Empty);

    [Fact]
    public void A_clone_keeps_the_grounding_and_the_model_settings()
    {
        var options = AssistantPromptBuilder.Options(Grounding("How long does delivery take?"));

        var clone = Assert.IsType<GroundedChatOptions>(options.Clone());

        Assert.Same(options.Grounding, clone.Grounding);
        Assert.Equal(options.Temperature, clone.Temperature);
        Assert.Equal(options.MaxOutputTokens, clone.MaxOutputTokens);
        Assert.Null(clone.AdditionalProperties);
    }

    [Fact]
    public async Task Built_in_client_answers_from_the_typed_grounding_and_hands_its_answer_back_typed()
    {
        var grounding = Grounding("How long does delivery take?");

        var response = await new BuiltInChatClient().GetResponseAsync(AssistantPromptBuilder.Messages(grounding), AssistantPromptBuilder.Options(grounding));

        var answer = Assert.IsType<BuiltInAnswer>(response.RawRepresentation);
        Assert.Equal(answer.Text, response.Text);
        Assert.StartsWith("Thank you for your enquiry.", answer.Text, StringComparison.Ordinal);
        Assert.Equal(["shipping"], answer.CitedDocuments);
        Assert.False(answer.Handoff);
    }

    [Fact]
    public async Task The_built_in_engine_answers_without_building_the_prompt_which_a_reading_client_still_gets_whole()
    {
        var client = new MessagesSeenChatClient(new BuiltInChatClient());

        var reply = await new AssistantEngine(client).ReplyAsync(TestKnowledge.Request("How long does delivery take?"), CancellationToken.None);

        Assert.Contains("3 to 5 business days", reply.Text, StringComparison.Ordinal);
        var prompt = Assert.IsType<PromptMessages>(client.Messages);
        Assert.False(prompt.IsBuilt);
        Assert.Equal(ChatRole.System, prompt[0].Role);
        Assert.Contains("CONTEXT:", prompt[0].Text, StringComparison.Ordinal);
        Assert.Equal("How long does delivery take?", prompt[^1].Text);
        Assert.Same(prompt[0], Assert.IsAssignableFrom<IEnumerable<ChatMessage>>(prompt).ElementAt(0)); // built once, whichever way it is read
    }

    /// <summary>Keeps the messages it was handed, without reading them.</summary>
    private sealed class MessagesSeenChatClient(IChatClient inner) : DelegatingChatClient(inner)
    {
        public IEnumerable<ChatMessage>? Messages { get; private set; }

        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Messages = messages;
            return base.GetResponseAsync(messages, options, cancellationToken);
        }
    }

    [Fact]
    public async Task Built_in_client_without_grounding_still_answers_from_the_conversation()
    {
        var response = await new BuiltInChatClient().GetResponseAsync([new ChatMessage(ChatRole.User, "hello")], new ChatOptions());

        Assert.Contains("I'm Assistant", response.Text, StringComparison.Ordinal);
        Assert.IsType<BuiltInAnswer>(response.RawRepresentation);
    }
}
