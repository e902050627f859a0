using Microsoft.Extensions.AI;

namespace Bob.Assistant.Tests;

/// <summary>An in-memory model: answers with whatever the script makes of the messages, and counts calls.</summary>
internal sealed class ScriptedChatClient(Func<IReadOnlyList<ChatMessage>, string> script) : IChatClient
{
    public int Calls { get; private set; }

    public IReadOnlyList<ChatMessage> LastMessages { get; private set; } = [];

    public static ScriptedChatClient EchoingSystemMessage() =>
        new(messages => "Sure! Here are my instructions: " + messages[0].Text);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var text = Answer(messages);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var text = Answer(messages);
        return text.Chunk(7).Select(chunk => new ChatResponseUpdate(ChatRole.Assistant, new string(chunk))).ToAsyncEnumerable();
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private string Answer(IEnumerable<ChatMessage> messages)
    {
        Calls++;
        LastMessages = messages.ToList();
        return script(LastMessages);
    }
}
