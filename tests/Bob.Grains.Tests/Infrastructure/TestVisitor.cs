using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Tests.Infrastructure;

/// <summary>
/// The visitor of the grain tests' widget conversations: its first turn proposes this token (as the widget does) and every
/// later turn proves the conversation is its own with it, since a visitor's turn without its token is refused.
/// </summary>
public static class TestVisitor
{
    public static VisitorAccess Access { get; } = new(Ids.RandomToken(16), ServerMinted: false);
}
