namespace Bob.Web.Tests.Infrastructure;

/// <summary>A node with small anonymous-use caps, so a test reaches each boundary in a few requests.</summary>
public sealed class CappedApp : BobWebApp
{
    public const int VisitorTurns = 8;
    public const int StoredBytes = 16_384;
    public const int StreamsPerCredential = 2;
    public const int StreamsPerAddress = 3;

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["Bob:Conversations:MaxVisitorTurns"] = $"{VisitorTurns}",
        ["Bob:Conversations:MaxStoredBytes"] = $"{StoredBytes}",
        ["Bob:Streams:PerCredential"] = $"{StreamsPerCredential}",
        ["Bob:Streams:PerAddress"] = $"{StreamsPerAddress}",
    };
}
