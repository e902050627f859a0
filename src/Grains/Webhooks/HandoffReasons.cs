namespace Bob.Grains.Webhooks;

/// <summary>Why a conversation asks for a human (<c>handoff.requested</c>'s <c>reason</c>).</summary>
public static class HandoffReasons
{
    /// <summary>The assistant could not answer and offered a human (<c>handoff: true</c>).</summary>
    public const string Assistant = "assistant";

    /// <summary>The visitor pressed "talk to a human".</summary>
    public const string Visitor = "visitor";
}
