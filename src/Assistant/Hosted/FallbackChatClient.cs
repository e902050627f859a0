using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Bob.Assistant.Hosted;

/// <summary>
/// Calls the hosted model first; when it throws, exceeds <c>timeout</c> or answers with nothing, the fallback
/// (the built-in client) answers instead, so the visitor always gets a reply. The reply then reports engine "builtin".
/// </summary>
public sealed partial class FallbackChatClient(IChatClient primary, IChatClient fallback, TimeSpan timeout, ILogger<FallbackChatClient> logger)
    : DelegatingChatClient(primary)
{
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var conversation = messages as IReadOnlyCollection<ChatMessage> ?? messages.ToList();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var response = await base.GetResponseAsync(conversation, options, deadline.Token).ConfigureAwait(false);
            if (!string.IsNullOrWhiteSpace(response.Text))
            {
                return response;
            }

            LogEmptyAnswer(logger);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailure(logger, exception);
        }

        return await fallback.GetResponseAsync(conversation, options, cancellationToken).ConfigureAwait(false);
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var conversation = messages as IReadOnlyCollection<ChatMessage> ?? messages.ToList();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var answered = false;
        var failed = false;
        var updates = base.GetStreamingResponseAsync(conversation, options, deadline.Token).GetAsyncEnumerator(deadline.Token);
        try
        {
            while (true)
            {
                ChatResponseUpdate update;
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    update = updates.Current;
                }
                catch (Exception exception) when (!answered && !cancellationToken.IsCancellationRequested)
                {
                    // Nothing was shown to the visitor yet, so the built-in answer can still take over cleanly.
                    LogFailure(logger, exception);
                    failed = true;
                    break;
                }

                if (!answered && !string.IsNullOrWhiteSpace(update.Text))
                {
                    answered = true;

                    // Once text flows, a slow but alive stream is allowed to finish.
                    deadline.CancelAfter(System.Threading.Timeout.InfiniteTimeSpan);
                }

                yield return update;
            }
        }
        finally
        {
            await updates.DisposeAsync().ConfigureAwait(false);
        }

        if (answered)
        {
            yield break;
        }

        if (!failed)
        {
            LogEmptyAnswer(logger);
        }

        await foreach (var update in fallback.GetStreamingResponseAsync(conversation, options, cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hosted model failed; the built-in assistant answered instead")]
    private static partial void LogFailure(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hosted model returned an empty answer; the built-in assistant answered instead")]
    private static partial void LogEmptyAnswer(ILogger logger);
}
