using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Bob.Grains.Tests.Storage;

/// <summary>A cluster keeping 3 persona versions, with a cheap password hash for the sign-ups of these tests.</summary>
public sealed class BoundedStorageCluster : ClusterFixture
{
    public const int VersionsKept = 3;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Bob:Personas:VersionsKept"] = $"{VersionsKept}",
        ["Bob:Auth:PasswordIterations"] = $"{IdentityCluster.Iterations}",
    };

    /// <summary>The grain storage the silos read state through, to write state the way an older release left it.</summary>
    public IGrainStorage GrainStorage =>
        ((InProcessSiloHandle)Cluster.Primary!).SiloHost.Services.GetRequiredKeyedService<IGrainStorage>("bob");

    public async Task<string> SignupAsync() =>
        (await Grains.GetGrain<IAccountsGrain>(0).SignupAsync(new SignupRequest("Storage Co", $"{Guid.NewGuid():N}@example.com", "a-long-password", null)))
            .Value!.Tenant.Id;
}
