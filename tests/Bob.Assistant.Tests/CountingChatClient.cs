using Microsoft.Extensions.AI;

namespace Bob.Assistant.Tests;

internal sealed class CountingChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    public int Calls { get; private set; }

    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        return base.GetResponseAsync(messages, options, cancellationToken);
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        return base.GetStreamingResponseAsync(messages, options, cancellationToken);
    }
}
