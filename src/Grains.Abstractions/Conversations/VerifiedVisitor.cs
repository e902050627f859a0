using System.Text.Json.Serialization;

namespace Bob.Grains.Abstractions.Conversations;

/// <summary>
/// A widget visitor the business's own server signed (docs/WIDGET.md, "Signed-in visitors"): only ever made from an identity
/// Bob verified with the widget key's identity secret, never from anything the page merely claims.
/// </summary>
[GenerateSerializer, Immutable, Alias("bob.VerifiedVisitor")]
public sealed record VerifiedVisitor(
    [property: Id(0)] string UserId,
    [property: Id(1)] string? Email,
    [property: Id(2)] string? Name)
{
    public const int UserIdMax = 128;
    public const int EmailMax = 254;
    public const int NameMax = 200;

    /// <summary>Always true: the wire says so, so a reader never mistakes a claimed identity for this one.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Written to JSON, which writes instance properties only.")]
    public bool Verified => true;
}

/// <summary>One of a signed-in visitor's conversations, as <c>GET /api/widget/sessions</c> lists them.</summary>
[GenerateSerializer, Immutable, Alias("bob.VisitorConversation")]
public sealed record VisitorConversation(
    [property: Id(0), JsonPropertyName(ConversationId.ApiName)] ConversationId ConversationId,
    [property: Id(1)] string Status,
    [property: Id(2)] DateTimeOffset StartedAt,
    [property: Id(3)] DateTimeOffset LastMessageAt,
    [property: Id(4)] int MessageCount,
    [property: Id(5)] string LastPreview);
