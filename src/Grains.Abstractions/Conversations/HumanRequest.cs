namespace Bob.Grains.Abstractions.Conversations;

/// <summary>A visitor's request for a human (the widget's "talk to a human"), optionally with the message that prompted it.</summary>
[GenerateSerializer, Immutable, Alias("bob.HumanRequest")]
public sealed record HumanRequest(
    [property: Id(0)] VisitorAccess Visitor,
    [property: Id(1)] string? Message,
    [property: Id(2)] string? ClientMessageId);
