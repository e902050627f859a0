using System.Net;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Tests.Infrastructure;

namespace Bob.Grains.Tests.Identity;

/// <summary>A stranger's failures lock the stranger, not the owner; guessing spread over many sources slows strangers only.</summary>
[Collection(IdentityCluster.Name)]
public sealed class LoginThrottleTests(IdentityCluster fixture)
{
    private const string Password = "a-long-password";
    private const string Owner = "198.51.100.10";
    private const string Stranger = "203.0.113.66";

    private IAccountsGrain Accounts => fixture.Grains.GetGrain<IAccountsGrain>(0);

    [Fact]
    public async Task Five_wrong_passwords_from_a_stranger_lock_the_stranger_and_the_owner_still_gets_in()
    {
        var email = await SignupAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(FailureCodes.InvalidCredentials, (await Accounts.LoginAsync(email, "wrong-password", Stranger)).Failure?.Code);
        }

        var strangerAgain = await Accounts.LoginAsync(email, Password, Stranger);
        var owner = await Accounts.LoginAsync(email, Password, Owner);
        var strangerAfterOwner = await Accounts.LoginAsync(email, Password, Stranger);

        Assert.Equal(FailureCodes.LoginThrottled, strangerAgain.Failure?.Code);
        Assert.InRange(strangerAgain.Failure!.RetryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        Assert.True(owner.IsSuccess, owner.Failure?.Detail);
        Assert.Equal(FailureCodes.LoginThrottled, strangerAfterOwner.Failure?.Code);
    }

    [Fact]
    public async Task Guessing_spread_over_many_sources_slows_new_sources_but_not_one_the_owner_used_before()
    {
        var email = await SignupAsync();
        Assert.True((await Accounts.LoginAsync(email, Password, Owner)).IsSuccess);
        for (var i = 0; i < IdentityCluster.AttackThreshold; i++)
        {
            await Accounts.LoginAsync(email, $"guess-number-{i}", $"192.0.2.{i + 1}");
        }

        var firstNewSource = await Accounts.LoginAsync(email, "another-guess", "192.0.2.200");
        var secondNewSource = await Accounts.LoginAsync(email, Password, "192.0.2.201");
        var owner = await Accounts.LoginAsync(email, Password, Owner);

        Assert.Equal(FailureCodes.InvalidCredentials, firstNewSource.Failure?.Code);
        Assert.Equal(FailureCodes.LoginThrottled, secondNewSource.Failure?.Code);
        Assert.InRange(secondNewSource.Failure!.RetryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.True(owner.IsSuccess, owner.Failure?.Detail);
    }

    [Fact]
    public async Task Throttling_does_not_tell_known_from_unknown_emails()
    {
        var known = await SignupAsync();
        var unknown = $"{Guid.NewGuid():N}@example.com";
        for (var i = 0; i < 5; i++)
        {
            await Accounts.LoginAsync(known, "wrong-password", Stranger);
            await Accounts.LoginAsync(unknown, "wrong-password", Stranger);
        }

        var knownLocked = await Accounts.LoginAsync(known, "wrong-password", Stranger);
        var unknownLocked = await Accounts.LoginAsync(unknown, "wrong-password", Stranger);

        Assert.Equal(FailureCodes.LoginThrottled, knownLocked.Failure?.Code);
        Assert.Equal(knownLocked.Failure!.Code, unknownLocked.Failure?.Code);
        Assert.Equal(knownLocked.Failure.Detail, unknownLocked.Failure!.Detail);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("::1", "::/64")]
    public void A_source_is_an_IPv4_address_or_an_IPv6_64(string address, string source) =>
        Assert.Equal(source, LoginSources.Of(IPAddress.Parse(address)));

    [Fact]
    public void No_address_is_one_shared_unknown_source() => Assert.Equal(LoginSources.Unknown, LoginSources.Of(null));

    private async Task<string> SignupAsync()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        Assert.True((await Accounts.SignupAsync(new SignupRequest("Throttle Co", email, Password, null))).IsSuccess);
        return email;
    }
}
