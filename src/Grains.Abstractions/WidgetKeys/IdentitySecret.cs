using System.Security.Cryptography;

namespace Bob.Grains.Abstractions.WidgetKeys;

/// <summary>
/// One identity secret of a widget key: the key its business signs visitors with (docs/WIDGET.md). <see cref="Value"/> is
/// the UTF-8 of the secret's text, sealed at rest, opened only in a key's authorization. A replaced secret still verifies
/// until <see cref="RetiresAt"/>; the current one has none.
/// </summary>
[GenerateSerializer, Immutable, Alias("bob.WidgetIdentitySecret")]
public sealed record IdentitySecret(
    [property: Id(0)] byte[] Value,
    [property: Id(1)] DateTimeOffset IssuedAt,
    [property: Id(2)] DateTimeOffset? RetiresAt)
{
    public const string Prefix = "bis_";

    /// <summary>How long a replaced secret keeps verifying, so a business can roll its servers onto the new one.</summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromHours(24);

    /// <summary>256 random bits, hex: the business uses the whole text (prefix included) as its HMAC key.</summary>
    public static string NewText() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public bool VerifiesAt(DateTimeOffset now) => RetiresAt is not { } retires || now < retires;
}
