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
    public async Task Built_in_client_without_grounding_still_answers_from_the_conversation()
    {
        var response = await new BuiltInChatClient().GetResponseAsync([new ChatMessage(ChatRole.User, "hello")], new ChatOptions());

        Assert.Contains("I'm Assistant", response.Text, StringComparison.Ordinal);
        Assert.IsType<BuiltInAnswer>(response.RawRepresentation);
    }
}
