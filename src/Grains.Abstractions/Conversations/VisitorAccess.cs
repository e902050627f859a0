namespace Bob.Grains.Abstractions.Conversations;

/// <summary>
/// How a widget visitor proves a conversation is theirs. The first widget turn of a session issues a visitor token
/// (stored only as its hash); reading the session always needs it, and so does every later turn of a session whose id
/// the server minted (<paramref name="ServerMinted"/>: the web front end chose the id because the request had none).
/// <paramref name="Verified"/>: the signed-in visitor the widget route verified; it owns the conversations it opens.
/// </summary>
[GenerateSerializer, Immutable, Alias("bob.VisitorAccess")]
public sealed record VisitorAccess(
    [property: Id(0)] string? Token,
    [property: Id(1)] bool ServerMinted,
    [property: Id(2)] VerifiedVisitor? Verified = null);
