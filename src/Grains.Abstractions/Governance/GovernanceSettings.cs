namespace Bob.Grains.Abstractions.Governance;

/// <summary>
/// A tenant's governance as <c>GET/PUT /api/governance</c> shows it. <see cref="CreditPolicy"/> and <see cref="PublicChat"/>
/// are stored on the tenant (one copy each); the rest on the tenant's governance grain.
/// </summary>
/// <param name="RetentionDays">Transcripts idle longer than this are deleted; null keeps them for good.</param>
[GenerateSerializer, Immutable, Alias("bob.GovernanceSettings")]
public sealed record GovernanceSettings(
    [property: Id(0)] IReadOnlyList<string> BlockedTopics,
    [property: Id(1)] bool PiiRedaction,
    [property: Id(2)] IReadOnlyList<string> HandoffKeywords,
    [property: Id(3)] string CreditPolicy,
    [property: Id(4)] int? RetentionDays,
    [property: Id(5)] bool PublicChat);

/// <summary>What a chat turn needs of governance (read on every turn, so small).</summary>
[GenerateSerializer, Immutable, Alias("bob.Guardrails")]
public sealed record Guardrails(
    [property: Id(0)] IReadOnlyList<string> BlockedTopics,
    [property: Id(1)] bool PiiRedaction,
    [property: Id(2)] IReadOnlyList<string> HandoffKeywords)
{
    /// <summary>A tenant that never set governance: nothing blocked, no redaction, no keywords.</summary>
    public static Guardrails None { get; } = new([], false, []);
}
