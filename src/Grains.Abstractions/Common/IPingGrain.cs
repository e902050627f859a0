namespace Bob.Grains.Abstractions.Common;

/// <summary>Answers at once from any silo; readiness checks use it to prove the cluster takes calls. Use key 0.</summary>
[Alias("bob.IPingGrain")]
public interface IPingGrain : IGrainWithIntegerKey
{
    [Alias("Ping")]
    Task<string> PingAsync();
}
