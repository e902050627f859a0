namespace Bob.Assistant;

public interface IAssistantEngine
{
    Task<AssistantReply> ReplyAsync(AssistantRequest request, CancellationToken cancellationToken);

    IAsyncEnumerable<AssistantStreamUpdate> StreamAsync(AssistantRequest request, CancellationToken cancellationToken);
}
