namespace Bob.Hosting.Management;

/// <summary>Settings under <c>Bob:Management</c>: the port for metrics, the cluster dashboard and probes, never published to the internet.</summary>
public sealed class ManagementOptions
{
    public const string Section = "Bob:Management";

    /// <summary>0 (the default for a web node) serves no management endpoints; a standalone silo defaults to 8080.</summary>
    public int Port { get; set; }

    /// <summary>The address the management port binds: loopback by default; <c>0.0.0.0</c> in a container so the scraper and probes reach it.</summary>
    public string Host { get; set; } = "127.0.0.1";
}
