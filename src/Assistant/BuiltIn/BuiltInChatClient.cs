using Microsoft.Extensions.AI;

namespace Bob.Assistant.BuiltIn;

/// <summary>
/// Offline, deterministic <see cref="IChatClient"/>: answers from the typed <see cref="AssistantGrounding"/> of
/// <see cref="GroundedChatOptions"/>, never from the prompt text. Its <see cref="BuiltInAnswer"/> (handoff, cited
/// documents) rides back as the response's <see cref="ChatResponse.RawRepresentation"/>.
/// </summary>
public sealed class BuiltInChatClient : IChatClient
{
    public const string ModelId = "bob-builtin";

    private static readonly ChatClientMetadata Metadata = new("bob-builtin", defaultModelId: ModelId);

    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var answer = BuiltInAnswerComposer.Compose(GroundingOf(messages, options));
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer.Text))
        {
            ModelId = ModelId,
            FinishReason = ChatFinishReason.Stop,
            RawRepresentation = answer,
        });
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var answer = BuiltInAnswerComposer.Compose(GroundingOf(messages, options));
        var responseId = Guid.NewGuid().ToString("N");
        var updates = TextChunker.Chunks(answer.Text)
            .Select(chunk => new ChatResponseUpdate(ChatRole.Assistant, chunk) { ModelId = ModelId, ResponseId = responseId })
            .Append(new ChatResponseUpdate
            {
                Role = ChatRole.Assistant,
                ModelId = ModelId,
                ResponseId = responseId,
                FinishReason = ChatFinishReason.Stop,
                RawRepresentation = answer,
            });
        return updates.ToAsyncEnumerable();
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(ChatClientMetadata) ? Metadata : serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose()
    {
    }

    // Without typed grounding (a caller other than the engine) it still answers, from the conversation alone.
    private static AssistantGrounding GroundingOf(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        if (options is GroundedChatOptions grounded)
        {
            return grounded.Grounding;
        }

        var conversation = messages.Where(message => message.Role == ChatRole.User || message.Role == ChatRole.Assistant).ToList();
        var last = conversation.LastOrDefault(message => message.Role == ChatRole.User);
        var history = conversation
            .TakeWhile(message => !ReferenceEquals(message, last))
            .Select(message => new ConversationTurn(message.Role == ChatRole.User ? TurnRole.Visitor : TurnRole.Assistant, message.Text))
            .ToList();
        var persona = new PersonaProfile("default", "Assistant", ToneStyles.Friendly.Name, string.Empty);
        return new AssistantGrounding(persona, ToneStyles.Friendly, [], history, last?.Text ?? string.Empty, string.Empty);
    }
}
