namespace Bob.Grains.Abstractions.Conversations;

/// <summary>One visitor (or console user) turn sent to a conversation.</summary>
/// <param name="Visitor">The widget visitor's proof of ownership (see <see cref="VisitorAccess"/>).</param>
/// <param name="Tenant">The tenant's turn configuration as the caller read it for this very request (the widget route
/// reads it to refuse a suspended tenant), so the conversation need not ask again; null: the conversation reads it.</param>
[GenerateSerializer, Immutable, Alias("bob.ChatTurn")]
public sealed record ChatTurn(
    [property: Id(0)] ChatChannel Channel,
    [property: Id(1)] string Message,
    [property: Id(2)] string? ClientMessageId,
    [property: Id(3)] string? Author,
    [property: Id(4)] VisitorAccess? Visitor = null,
    [property: Id(5)] Identity.TenantTurnConfig? Tenant = null);
