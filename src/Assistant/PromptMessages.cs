using System.Collections;
using Microsoft.Extensions.AI;

namespace Bob.Assistant;

/// <summary>
/// The chat messages of a grounded turn, built on first read. The built-in client answers from the typed grounding and
/// never reads them, so its turns skip building the system prompt and the history's messages; a hosted model's
/// client reads them as usual (and every read sees the same list).
/// </summary>
internal sealed class PromptMessages(Func<IReadOnlyList<ChatMessage>> build) : IReadOnlyList<ChatMessage>
{
    private readonly Lazy<IReadOnlyList<ChatMessage>> _messages = new(build);

    /// <summary>Whether a reader asked for the messages.</summary>
    public bool IsBuilt => _messages.IsValueCreated;

    public int Count => _messages.Value.Count;

    public ChatMessage this[int index] => _messages.Value[index];

    public IEnumerator<ChatMessage> GetEnumerator() => _messages.Value.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
