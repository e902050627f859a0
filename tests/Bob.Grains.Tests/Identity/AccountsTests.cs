using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Tests.Infrastructure;

namespace Bob.Grains.Tests.Identity;

[Collection(ClusterCollection.Name)]
public sealed class AccountsTests(ClusterFixture fixture)
{
    private IAccountsGrain Accounts => fixture.Grains.GetGrain<IAccountsGrain>(0);

    [Fact]
    public async Task Signup_creates_owner_default_persona_and_widget_key()
    {
        var result = await Accounts.SignupAsync(new SignupRequest("Grain Test Co", $"{Guid.NewGuid():N}@example.com", "a-long-password", "https://shop.example.com/path"));

        Assert.True(result.IsSuccess);
        var signup = result.Value!;
        Assert.StartsWith("grain-test-co", signup.Tenant.Id, StringComparison.Ordinal);
        Assert.Equal("starter", signup.Tenant.Plan);
        Assert.Equal(Roles.Owner, signup.User.Role);
        Assert.StartsWith("pk_live_", signup.WidgetKey.Key, StringComparison.Ordinal);
        Assert.Equal(["https://shop.example.com"], signup.WidgetKey.AllowedOrigins);
        var personas = await fixture.Grains.GetGrain<Abstractions.Personas.IPersonaCatalogGrain>(signup.Tenant.Id).ListAsync();
        Assert.Single(personas, p => p.Active);
    }

    [Fact]
    public async Task Same_business_name_gets_a_distinct_tenant_id()
    {
        var first = await Accounts.SignupAsync(new SignupRequest("Twin Shop", $"{Guid.NewGuid():N}@example.com", "a-long-password", null));
        var second = await Accounts.SignupAsync(new SignupRequest("Twin Shop", $"{Guid.NewGuid():N}@example.com", "a-long-password", null));

        Assert.NotEqual(first.Value!.Tenant.Id, second.Value!.Tenant.Id);
    }

    [Fact]
    public async Task Signup_with_a_taken_email_is_refused_and_creates_no_tenant()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        await Accounts.SignupAsync(new SignupRequest("Taken Email One", email, "a-long-password", null));

        var again = await Accounts.SignupAsync(new SignupRequest("Taken Email Two", email.ToUpperInvariant(), "a-long-password", null));

        Assert.Equal(FailureCodes.EmailTaken, again.Failure?.Code);
        Assert.Null(await fixture.Grains.GetGrain<ITenantGrain>("taken-email-two").GetAsync());
    }

    [Fact]
    public async Task Login_with_wrong_password_and_unknown_email_fail_alike()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        await Accounts.SignupAsync(new SignupRequest("Alike Co", email, "a-long-password", null));

        var wrong = await Accounts.LoginAsync(email, "not-the-password", "203.0.113.7");
        var unknown = await Accounts.LoginAsync($"{Guid.NewGuid():N}@example.com", "a-long-password", "203.0.113.7");

        Assert.Equal(FailureCodes.InvalidCredentials, wrong.Failure?.Code);
        Assert.Equal(wrong.Failure, unknown.Failure);
    }

    [Fact]
    public async Task Repeated_failed_logins_lock_the_account_for_a_while()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        await Accounts.SignupAsync(new SignupRequest("Locked Co", email, "a-long-password", null));
        for (var i = 0; i < 5; i++)
        {
            await Accounts.LoginAsync(email, "wrong-password", "203.0.113.7");
        }

        var locked = await Accounts.LoginAsync(email, "a-long-password", "203.0.113.7");

        Assert.Equal(FailureCodes.LoginThrottled, locked.Failure?.Code);
        Assert.True(locked.Failure!.RetryAfter > TimeSpan.Zero);
    }

    [Fact]
    public async Task Revoked_token_no_longer_authenticates()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        await Accounts.SignupAsync(new SignupRequest("Revoke Co", email, "a-long-password", null));
        var login = (await Accounts.LoginAsync(email, "a-long-password", "203.0.113.7")).Value!;
        var token = fixture.Grains.GetGrain<IAccessTokenGrain>(AccessTokens.KeyOf(login.Token));
        Assert.NotNull(await token.AuthenticateAsync());

        await token.RevokeAsync();

        Assert.Null(await token.AuthenticateAsync());
    }

    [Fact]
    public async Task Platform_admin_is_bootstrapped_from_configuration()
    {
        var login = await Accounts.LoginAsync("admin@bob.test", "admin-password-1", "203.0.113.7");

        Assert.Equal(Roles.PlatformAdmin, login.Value?.User.Role);
        Assert.Equal(TenantId.Platform.Value, login.Value?.User.TenantId);
        Assert.Contains(Permissions.TenantsManage, login.Value!.User.Permissions);
    }
}
