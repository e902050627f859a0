using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Conversations;

/// <summary>
/// The one check that a visitor owns a conversation (turns, reads and streams all come here): the signed-in visitor who
/// opened it, on any device, or the token its first turn issued. A conversation opened before tokens were issued on its
/// path has none, so no token matches it.
/// </summary>
public static class VisitorOwnership
{
    /// <summary>Anonymous visitors' paths, whose conversations are theirs by the visitor token: the widget and the public chat.</summary>
    public static bool IsVisitors(ChatChannel channel) => channel is ChatChannel.Widget or ChatChannel.Public;

    /// <summary>Why this visitor may not use the conversation <paramref name="row"/> (a visitor's one), or null.</summary>
    public static Failure? Refusal(ConversationRow row, string? token, string? verifiedUserId)
    {
        ArgumentNullException.ThrowIfNull(row);
        return IsVerifiedOwner(row, verifiedUserId) ? null
            : token is null ? TokenRequired()
            : VisitorTokens.Matches(row.VisitorTokenHash, token) ? null
            : WrongToken();
    }

    private static bool IsVerifiedOwner(ConversationRow row, string? verifiedUserId) =>
        verifiedUserId is not null && row.Visitor is { } owner && string.Equals(owner.UserId, verifiedUserId, StringComparison.Ordinal);

    private static Failure TokenRequired() =>
        new(FailureCodes.VisitorTokenRequired, "Send the visitor_token this conversation's first turn returned.");

    private static Failure WrongToken() =>
        new(FailureCodes.InvalidVisitorToken, "The visitor_token does not belong to this conversation.");
}
