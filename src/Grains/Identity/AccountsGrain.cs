using Bob.Grains.Abstractions.Audit;
using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Governance;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.Personas;
using Bob.Grains.Abstractions.WidgetKeys;
using Bob.Grains.Audit;
using Bob.Grains.Telemetry;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Bob.Grains.Identity;

[StatelessWorker]
public sealed class AccountsGrain(PasswordHasher hasher, IOptions<AuthOptions> options, TimeProvider time, GrainMetrics metrics) : Grain, IAccountsGrain
{
    private const int MaxSlugAttempts = 50;

    public async Task<Result<SignupResult>> SignupAsync(SignupRequest request)
    {
        if (SignupValidator.Validate(request, out var websiteOrigin) is { } invalid)
        {
            return invalid;
        }
        var email = Emails.Normalize(request.Email);
        var emailIndex = GrainFactory.GetGrain<IEmailIndexGrain>(email);
        if (await emailIndex.LookupAsync() is not null)
        {
            return EmailTaken();
        }
        var passwordHash = await hasher.HashAsync(request.Password);
        var name = request.BusinessName.Trim();
        var tenantId = await CreateTenantAsync(name);
        var userId = Ids.New(IdPrefixes.User);
        if (!await emailIndex.ClaimAsync(new EmailOwner(tenantId, userId)))
        {
            // Lost a race for the email after creating the tenant; the tenant stays unreachable (no members).
            return EmailTaken();
        }
        await GrainFactory.GetGrain<IUserGrain>(GrainKeys.Scoped(tenantId, userId)).CreateAsync(email, passwordHash);
        var tenant = GrainFactory.GetGrain<ITenantGrain>(tenantId);
        await tenant.AddMemberAsync(new TeamMember(userId, email, Roles.Owner, time.GetUtcNow()));
        // What sign-up creates next (the first widget key) is the new owner's doing in the audit log.
        AuditActor.SetCurrent(tenantId, userId, email);
        await GrainFactory.GetGrain<IPersonaCatalogGrain>(tenantId).EnsureDefaultAsync();
        await GrainFactory.GetGrain<IGovernanceGrain>(tenantId).ApplyNewTenantDefaultsAsync();
        var key = await GrainFactory.GetGrain<IWidgetKeyCatalogGrain>(tenantId)
            .CreateAsync(new WidgetKeyInput("Website", websiteOrigin is null ? [] : [websiteOrigin]));
        var summary = (await tenant.GetAsync())!;
        return new SignupResult(summary, new UserSummary(userId, email, Roles.Owner), new WidgetKeyIssued(key.Value!.Id, key.Value.Key, key.Value.AllowedOrigins));
    }

    public async Task<Result<LoginResult>> LoginAsync(string email, string password, string source)
    {
        var normalized = Emails.Normalize(email);
        var throttle = GrainFactory.GetGrain<ILoginThrottleGrain>(normalized);
        if (await throttle.CheckAsync(source) is { } wait)
        {
            metrics.Login(GrainMetrics.LoginThrottled);
            return new Failure(FailureCodes.LoginThrottled, "Too many failed logins for this account from here; try again later.", RetryAfter: wait);
        }
        var owner = await GrainFactory.GetGrain<IEmailIndexGrain>(normalized).LookupAsync();
        var member = owner is null ? null : await GrainFactory.GetGrain<ITenantGrain>(owner.Tenant).GetMemberAsync(owner.UserId);
        if (owner is null || member is null)
        {
            // No tenant owns an unknown email, so no tenant's audit log holds it: it is counted, not recorded.
            await hasher.BurnAsync(password);
            await throttle.RecordFailureAsync(source);
            metrics.Login(GrainMetrics.LoginUnknownAccount);
            return InvalidCredentials();
        }
        var account = new AuditTarget(AuditTargetTypes.User, member.Id);
        var holder = AuditActor.User(owner.Tenant, member.Id, member.Email, owner.Tenant);
        if (!await GrainFactory.GetGrain<IUserGrain>(GrainKeys.Scoped(owner.Tenant, owner.UserId)).VerifyPasswordAsync(password))
        {
            await throttle.RecordFailureAsync(source);
            metrics.Login(GrainMetrics.LoginWrongPassword);
            await GrainFactory.AuditAsync(owner.Tenant, AuditActions.LoginFailed, account, actor: holder);
            return InvalidCredentials();
        }
        await throttle.RecordSuccessAsync(source);
        metrics.Login(GrainMetrics.LoginSucceeded);
        // Recorded before the token exists: a login the log cannot hold does not happen.
        await GrainFactory.AuditAsync(owner.Tenant, AuditActions.Login, account, actor: holder);
        return await IssueTokenAsync(owner.Tenant, member);
    }

    public async Task<Result<LoginResult>> AcceptInvitationAsync(string inviteToken, string password)
    {
        if (SignupValidator.PasswordProblem(password) is { } passwordProblem)
        {
            return Failure.Validation("password", passwordProblem);
        }
        var invitation = GrainFactory.GetGrain<IInvitationGrain>(AccessTokens.KeyOf(inviteToken));
        var details = await invitation.RedeemAsync();
        if (details is null)
        {
            return new Failure(FailureCodes.InvalidInvitation, "This invitation is unknown, expired or already used.");
        }
        var userId = Ids.New(IdPrefixes.User);
        var emailIndex = GrainFactory.GetGrain<IEmailIndexGrain>(details.Email);
        if (!await emailIndex.ClaimAsync(new EmailOwner(details.Tenant, userId)))
        {
            await invitation.RestoreAsync();
            return EmailTaken();
        }
        var user = GrainFactory.GetGrain<IUserGrain>(GrainKeys.Scoped(details.Tenant, userId));
        await user.CreateAsync(details.Email, await hasher.HashAsync(password));
        var member = new TeamMember(userId, details.Email, details.Role, time.GetUtcNow());
        // Joining is the new member's own doing in the audit log.
        AuditActor.SetCurrent(details.Tenant, userId, details.Email);
        var joined = await GrainFactory.GetGrain<ITenantGrain>(details.Tenant).CompleteInvitationAsync(details.InvitationId, member);
        if (!joined.IsSuccess)
        {
            await user.DeactivateAsync();
            await emailIndex.ReleaseAsync(userId);
            await invitation.RestoreAsync();
            return joined.Failure!;
        }
        return await IssueTokenAsync(details.Tenant, member);
    }

    public async Task<Result<LoginResult>> ChangePasswordAsync(TenantId tenant, string userId, string currentPassword, string newPassword, string source)
    {
        if (SignupValidator.PasswordProblem(newPassword) is { } passwordProblem)
        {
            return Failure.Validation("newPassword", passwordProblem);
        }
        if (string.Equals(newPassword, currentPassword, StringComparison.Ordinal))
        {
            return Failure.Validation("newPassword", "newPassword must differ from the current password.");
        }
        var member = await GrainFactory.GetGrain<ITenantGrain>(tenant).GetMemberAsync(userId);
        if (member is null)
        {
            return Failure.NotFound("User");
        }
        var throttle = GrainFactory.GetGrain<ILoginThrottleGrain>(Emails.Normalize(member.Email));
        if (await throttle.CheckAsync(source) is { } wait)
        {
            return new Failure(FailureCodes.LoginThrottled, "Too many wrong passwords for this account from here; try again later.", RetryAfter: wait);
        }
        var user = GrainFactory.GetGrain<IUserGrain>(GrainKeys.Scoped(tenant, userId));
        if (!await user.VerifyPasswordAsync(currentPassword))
        {
            await throttle.RecordFailureAsync(source);
            return Failure.Validation("currentPassword", "currentPassword is not this account's password.");
        }
        await throttle.RecordSuccessAsync(source);
        var revoked = await user.ChangePasswordAsync(await hasher.HashAsync(newPassword));
        await Task.WhenAll(revoked.Select(key => GrainFactory.GetGrain<IAccessTokenGrain>(key).RevokeAsync()));
        await GrainFactory.AuditAsync(tenant, AuditActions.PasswordChanged, new AuditTarget(AuditTargetTypes.User, userId), null, null);
        return await IssueTokenAsync(tenant, member);
    }

    public async Task<string?> BootstrapPlatformAsync(string adminEmail, string? adminPassword)
    {
        var platform = GrainFactory.GetGrain<ITenantGrain>(TenantId.Platform);
        await platform.CreateAsync(new TenantCreation("Bob Platform", Plans.Enterprise, PublicChat: true));
        await GrainFactory.GetGrain<IPersonaCatalogGrain>(TenantId.Platform).EnsureDefaultAsync();

        var email = Emails.Normalize(adminEmail);
        var emailIndex = GrainFactory.GetGrain<IEmailIndexGrain>(email);
        if (await emailIndex.LookupAsync() is not null)
        {
            return null;
        }
        var password = adminPassword ?? Ids.RandomToken(18);
        var problem = Emails.IsValid(adminEmail) ? SignupValidator.PasswordProblem(password) : "email must be a valid address.";
        if (problem is not null)
        {
            throw new InvalidOperationException($"Bob:Admin is invalid: {problem}");
        }
        var userId = Ids.New(IdPrefixes.User);
        if (!await emailIndex.ClaimAsync(new EmailOwner(TenantId.Platform, userId)))
        {
            return null; // another silo bootstrapped at the same moment
        }
        await GrainFactory.GetGrain<IUserGrain>(GrainKeys.Scoped(TenantId.Platform, userId)).CreateAsync(email, await hasher.HashAsync(password));
        await platform.AddMemberAsync(new TeamMember(userId, email, Roles.PlatformAdmin, time.GetUtcNow()));
        return adminPassword is null ? password : null;
    }

    private async Task<TenantId> CreateTenantAsync(string name)
    {
        var slug = TenantSlugs.FromName(name);
        for (var attempt = 1; attempt <= MaxSlugAttempts; attempt++)
        {
            var candidate = TenantSlugs.Candidate(slug, attempt);
            if (await GrainFactory.GetGrain<ITenantGrain>(candidate).CreateAsync(new TenantCreation(name, Plans.Starter, PublicChat: false)))
            {
                return new TenantId(candidate);
            }
        }
        var random = $"{slug[..Math.Min(slug.Length, 30)]}-{Ids.RandomToken(6).ToLowerInvariant().Replace('_', '0').Replace('-', '0')}";
        await GrainFactory.GetGrain<ITenantGrain>(random).CreateAsync(new TenantCreation(name, Plans.Starter, PublicChat: false));
        return new TenantId(random);
    }

    private async Task<LoginResult> IssueTokenAsync(TenantId tenant, TeamMember member)
    {
        var token = AccessTokens.New(await GrainFactory.GetGrain<ITokenSigningKeyGrain>(0).GetAsync());
        var csrf = Ids.RandomToken(32);
        var expiresAt = time.GetUtcNow() + options.Value.TokenLifetime;
        await GrainFactory.GetGrain<IAccessTokenGrain>(AccessTokens.KeyOf(token)).IssueAsync(tenant, member.Id, csrf, expiresAt);
        await GrainFactory.GetGrain<IUserGrain>(GrainKeys.Scoped(tenant, member.Id)).TrackTokenAsync(AccessTokens.KeyOf(token), expiresAt);
        return new LoginResult(token, expiresAt, csrf, new SessionUser(member.Id, member.Email, member.Role, tenant.Value, Permissions.For(member.Role)));
    }

    private static Failure InvalidCredentials() => new(FailureCodes.InvalidCredentials, "The email or password is wrong.");

    private static Failure EmailTaken() => new(FailureCodes.EmailTaken, "An account with this email already exists.");
}
