using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Abstractions.Identity;

[GenerateSerializer, Immutable, Alias("bob.SignupRequest")]
public sealed record SignupRequest(
    [property: Id(0)] string BusinessName,
    [property: Id(1)] string Email,
    [property: Id(2)] string Password,
    [property: Id(3)] string? Website);

[GenerateSerializer, Immutable, Alias("bob.TenantSummary")]
public sealed record TenantSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Plan,
    [property: Id(3)] string Status,
    [property: Id(4)] DateTimeOffset CreatedAt);

[GenerateSerializer, Immutable, Alias("bob.UserSummary")]
public sealed record UserSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Email,
    [property: Id(2)] string Role);

[GenerateSerializer, Immutable, Alias("bob.WidgetKeyIssued")]
public sealed record WidgetKeyIssued(
    [property: Id(0)] string Id,
    [property: Id(1)] string Key,
    [property: Id(2)] IReadOnlyList<string> AllowedOrigins);

[GenerateSerializer, Immutable, Alias("bob.SignupResult")]
public sealed record SignupResult(
    [property: Id(0)] TenantSummary Tenant,
    [property: Id(1)] UserSummary User,
    [property: Id(2)] WidgetKeyIssued WidgetKey);

[GenerateSerializer, Immutable, Alias("bob.SessionUser")]
public sealed record SessionUser(
    [property: Id(0)] string Id,
    [property: Id(1)] string Email,
    [property: Id(2)] string Role,
    [property: Id(3)] string TenantId,
    [property: Id(4)] IReadOnlyList<string> Permissions);

/// <summary>What a successful login (or accepted invitation) hands back: the bearer token doubles as the cookie value.</summary>
[GenerateSerializer, Immutable, Alias("bob.LoginResult")]
public sealed record LoginResult(
    [property: Id(0)] string Token,
    [property: Id(1)] DateTimeOffset ExpiresAt,
    [property: Id(2)] string CsrfToken,
    [property: Id(3)] SessionUser User);

/// <summary>Who is calling, as established by an access token; the only source of a request's tenant.</summary>
[GenerateSerializer, Immutable, Alias("bob.Principal")]
public sealed record Principal(
    [property: Id(0)] TenantId TenantId,
    [property: Id(1)] string UserId,
    [property: Id(2)] string Email,
    [property: Id(3)] string Role,
    [property: Id(4)] string CsrfToken,
    [property: Id(5)] DateTimeOffset ExpiresAt,
    [property: Id(6)] bool TenantSuspended = false);

/// <summary>A member as authentication sees them: their role, and whether their tenant is suspended (then they may only read).</summary>
[GenerateSerializer, Immutable, Alias("bob.Membership")]
public sealed record Membership(
    [property: Id(0)] TeamMember Member,
    [property: Id(1)] bool TenantSuspended);

[GenerateSerializer, Immutable, Alias("bob.TeamMember")]
public sealed record TeamMember(
    [property: Id(0)] string Id,
    [property: Id(1)] string Email,
    [property: Id(2)] string Role,
    [property: Id(3)] DateTimeOffset JoinedAt);

[GenerateSerializer, Immutable, Alias("bob.PendingInvitation")]
public sealed record PendingInvitation(
    [property: Id(0)] string Id,
    [property: Id(1)] string Email,
    [property: Id(2)] string Role,
    [property: Id(3)] DateTimeOffset ExpiresAt);

[GenerateSerializer, Immutable, Alias("bob.Team")]
public sealed record Team(
    [property: Id(0)] IReadOnlyList<TeamMember> Members,
    [property: Id(1)] IReadOnlyList<PendingInvitation> Invitations);

[GenerateSerializer, Immutable, Alias("bob.InvitationIssued")]
public sealed record InvitationIssued(
    [property: Id(0)] string Id,
    [property: Id(1)] string Email,
    [property: Id(2)] string Role,
    [property: Id(3)] string InviteToken,
    [property: Id(4)] DateTimeOffset ExpiresAt);

/// <summary>The member acting on the team, so the tenant grain can apply "only an owner grants owner".</summary>
[GenerateSerializer, Immutable, Alias("bob.Actor")]
public sealed record Actor(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Role);

/// <summary>A tenant as its portal and the platform admin see it: profile, status, plan and what of the plan is in use.</summary>
[GenerateSerializer, Immutable, Alias("bob.TenantOverview")]
public sealed record TenantOverview(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Status,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] string Plan,
    [property: Id(5)] int PricebookVersion,
    [property: Id(6)] DateTimeOffset SubscribedAt,
    [property: Id(7)] Billing.BillingPeriod Period,
    [property: Id(8)] Billing.PlanLimits Limits,
    [property: Id(9)] int SeatsUsed,
    [property: Id(10)] int IntegrationsUsed);
