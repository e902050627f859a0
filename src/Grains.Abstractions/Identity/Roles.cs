namespace Bob.Grains.Abstractions.Identity;

public static class Roles
{
    public const string PlatformAdmin = "platform_admin";
    public const string Owner = "owner";
    public const string Admin = "admin";
    public const string Agent = "agent";
    public const string Viewer = "viewer";

    /// <summary>Roles a tenant can hand to its members (platform_admin is granted only at bootstrap).</summary>
    public static readonly IReadOnlySet<string> TenantRoles = new HashSet<string>(StringComparer.Ordinal) { Owner, Admin, Agent, Viewer };
}
