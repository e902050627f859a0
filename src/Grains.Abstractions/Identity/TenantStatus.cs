namespace Bob.Grains.Abstractions.Identity;

/// <summary>A tenant's status as shown (<c>status</c> in tenant views and the admin list).</summary>
public static class TenantStatus
{
    public const string Active = "active";
    public const string Suspended = "suspended";

    public static readonly IReadOnlyList<string> All = [Active, Suspended];
}
