using System.Text;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Microsoft.Extensions.Options;

namespace Bob.Grains.Conversations;

/// <summary>Refuses a visitor's message that would take a conversation past its caps (<see cref="ConversationCapOptions"/>):
/// checked before anything is stored, so a refused turn stores nothing; agents and console users are not capped.</summary>
public sealed class ConversationCaps(IOptions<ConversationCapOptions> options)
{
    public Failure? Refusal(Transcript transcript, ChatChannel channel, string message)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        ArgumentNullException.ThrowIfNull(message);
        if (channel == ChatChannel.Console)
        {
            return null;
        }
        var caps = options.Value;
        if (transcript.VisitorTurns >= caps.MaxVisitorTurns)
        {
            return Full($"This conversation already holds {caps.MaxVisitorTurns} visitor messages.");
        }
        return transcript.StoredBytes + Encoding.UTF8.GetByteCount(message) > caps.MaxStoredBytes
            ? Full("This conversation has stored as much text as one conversation may.")
            : null;
    }

    private static Failure Full(string why) => new(FailureCodes.ConversationFull, why + " Start a new conversation to go on.");
}
