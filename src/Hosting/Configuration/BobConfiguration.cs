using Microsoft.Extensions.Configuration;

namespace Bob.Hosting.Configuration;

/// <summary>The configuration keys every Bob process reads, in one place.</summary>
public static class BobConfiguration
{
    public const string ConnectionStringName = "Bob";

    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName)
        ?? throw new InvalidOperationException("ConnectionStrings:Bob is not set (environment: ConnectionStrings__Bob).");

    public static string ClusterId(IConfiguration configuration) => configuration["Bob:Cluster:ClusterId"] ?? "bob";

    public static string ServiceId(IConfiguration configuration) => configuration["Bob:Cluster:ServiceId"] ?? "bob";
}
