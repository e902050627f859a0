using System.Globalization;

namespace Bob.Grains.Tests.Infrastructure;

/// <summary>A cluster with a cheap password hash and a low account-wide attack threshold, so identity tests can make
/// dozens of logins in no time.</summary>
public sealed class IdentityCluster : ClusterFixture
{
    public const string Name = "identity";
    public const int Iterations = 2000;
    public const int AttackThreshold = 12;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Bob:Auth:PasswordIterations"] = Iterations.ToString(CultureInfo.InvariantCulture),
        ["Bob:Auth:AccountFailuresBeforeSlowdown"] = AttackThreshold.ToString(CultureInfo.InvariantCulture),
        ["Bob:Auth:SlowdownInterval"] = "00:01:00",
    };
}

[CollectionDefinition(IdentityCluster.Name)]
public sealed class IdentityCollection : ICollectionFixture<IdentityCluster>;
