namespace Bob.Web.Features.Auth;

public sealed record SignupBody(string? BusinessName, string? Email, string? Password, string? Website);

public sealed record LoginBody(string? Email, string? Password);

public sealed record AcceptInvitationBody(string? Token, string? Password);

public sealed record MeResponse(string Id, string Email, string Role, string TenantId, IReadOnlyList<string> Permissions, Grains.Abstractions.Identity.TenantSummary? Tenant);
public sealed record ChangePasswordBody(string? CurrentPassword, string? NewPassword);
