using Bob.Grains.Abstractions.Conversations;

namespace Bob.Grains.Conversations;

/// <summary>What one change appends: the new messages and the summary row as it will read afterwards.</summary>
public sealed record TranscriptChange(ConversationRow Row, IReadOnlyList<TranscriptMessage> Messages);
