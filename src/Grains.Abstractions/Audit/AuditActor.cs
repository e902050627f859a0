using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Abstractions.Audit;

/// <summary>
/// Who did an audited action: a member of the tenant (<see cref="AuditActorTypes.User"/>), a platform admin acting on
/// the tenant (<see cref="AuditActorTypes.Platform"/>), or Bob itself (<see cref="AuditActorTypes.System"/>: reminders,
/// retention). Users carry their id and email, never anything else about the session.
/// </summary>
[GenerateSerializer, Immutable, Alias("bob.AuditActor")]
public sealed record AuditActor(
    [property: Id(0)] string Type,
    [property: Id(1)] string? UserId,
    [property: Id(2)] string? Email)
{
    private const string UserIdKey = "bob-actor-id";
    private const string EmailKey = "bob-actor-email";
    private const string TenantKey = "bob-actor-tenant";

    public static AuditActor System { get; } = new(AuditActorTypes.System, null, null);

    /// <summary>A signed-in user acting on <paramref name="onTenant"/>: a member of it, or (from another tenant) the platform.</summary>
    public static AuditActor User(TenantId userTenant, string userId, string email, TenantId onTenant) =>
        new(userTenant == onTenant ? AuditActorTypes.User : AuditActorTypes.Platform, userId, email);

    /// <summary>
    /// Names the signed-in user for every grain call made from here on in this async flow (Orleans' <c>RequestContext</c>
    /// carries it across calls and silos): the web does it once per authenticated request, sign-up once the owner exists.
    /// </summary>
    public static void SetCurrent(TenantId userTenant, string userId, string email)
    {
        RequestContext.Set(TenantKey, userTenant.Value);
        RequestContext.Set(UserIdKey, userId);
        RequestContext.Set(EmailKey, email);
    }

    /// <summary>The user <see cref="SetCurrent"/> named, as seen from <paramref name="onTenant"/>; the system when none was.</summary>
    public static AuditActor Current(TenantId onTenant) =>
        RequestContext.Get(UserIdKey) is string userId && RequestContext.Get(EmailKey) is string email && RequestContext.Get(TenantKey) is string userTenant
            ? User(new TenantId(userTenant), userId, email, onTenant)
            : System;
}

public static class AuditActorTypes
{
    public const string User = "user";
    public const string Platform = "platform";
    public const string System = "system";

    public static readonly IReadOnlyList<string> All = [User, Platform, System];
}
