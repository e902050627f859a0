using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Identity;
using Bob.Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Bob.Grains.Tests.Identity;

/// <summary>
/// Stored hashes age well (an old work factor is upgraded at the next login), a corrupt one is a failed login, and every
/// failed login costs the same hashing work whether the email is known, unknown, old-hashed or corrupt: the code path,
/// counted in PBKDF2 iterations, not the wall clock.
/// </summary>
[Collection(IdentityCluster.Name)]
public sealed class PasswordTests(IdentityCluster fixture)
{
    private const int Iterations = IdentityCluster.Iterations;
    private const string Password = "a-long-password";

    private IAccountsGrain Accounts => fixture.Grains.GetGrain<IAccountsGrain>(0);

    private PasswordHasher Hasher => ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services.GetRequiredService<PasswordHasher>();

    [Fact]
    public async Task Every_failed_login_spends_the_configured_work_whatever_the_account_holds()
    {
        var known = await SignupAsync();
        var legacy = await SignupAsync(LegacyHash(Password, Iterations / 4));
        var corrupt = await SignupAsync("pbkdf2-sha256$not-a-number$%%%$***");
        var garbage = await SignupAsync("\0");

        var spent = new Dictionary<string, long>
        {
            ["unknown email"] = await IterationsForAsync(() => Accounts.LoginAsync($"{Guid.NewGuid():N}@example.com", Password, "203.0.113.7")),
            ["wrong password"] = await IterationsForAsync(() => Accounts.LoginAsync(known.Email, "wrong-password", "203.0.113.7")),
            ["wrong password, old hash"] = await IterationsForAsync(() => Accounts.LoginAsync(legacy.Email, "wrong-password", "203.0.113.7")),
            ["corrupt hash"] = await IterationsForAsync(() => Accounts.LoginAsync(corrupt.Email, Password, "203.0.113.7")),
            ["garbage hash"] = await IterationsForAsync(() => Accounts.LoginAsync(garbage.Email, Password, "203.0.113.7")),
        };

        Assert.All(spent, entry => Assert.True(entry.Value == Iterations, $"{entry.Key}: {entry.Value} iterations, expected {Iterations}"));
    }

    [Theory]
    [InlineData("pbkdf2-sha256$not-a-number$%%%$***")]
    [InlineData("pbkdf2-sha256$1000$!!notbase64!!$AAAA")]
    [InlineData("pbkdf2-sha256$0$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$-5$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$2147483647$AAAA$AAAA")]
    [InlineData("bcrypt$12$whatever")]
    [InlineData("")]
    public async Task A_corrupt_stored_hash_is_a_failed_login_not_an_exception(string stored)
    {
        var user = await SignupAsync(stored);

        var login = await Accounts.LoginAsync(user.Email, Password, "203.0.113.7");

        Assert.Equal(FailureCodes.InvalidCredentials, login.Failure?.Code);
    }

    [Fact]
    public async Task A_hash_with_fewer_iterations_than_configured_is_upgraded_at_the_next_successful_login()
    {
        var legacy = await SignupAsync(LegacyHash(Password, Iterations / 4));

        var first = await Accounts.LoginAsync(legacy.Email, Password, "203.0.113.7");
        var secondCost = await IterationsForAsync(() => Accounts.LoginAsync(legacy.Email, Password, "203.0.113.7"));

        Assert.True(first.IsSuccess, first.Failure?.Detail);
        Assert.Equal(Iterations, secondCost); // verified against a hash of the configured strength: it was rehashed
    }

    private async Task<long> IterationsForAsync(Func<Task<Result<LoginResult>>> login)
    {
        var before = Hasher.IterationsSpent;
        await login();
        return Hasher.IterationsSpent - before;
    }

    /// <summary>Signs a user up, then (optionally) replaces the stored hash, as if written by an older or broken release.</summary>
    private async Task<(string Email, string UserId)> SignupAsync(string? storedHash = null)
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var signup = (await Accounts.SignupAsync(new SignupRequest("Password Co", email, Password, null))).Value!;
        if (storedHash is not null)
        {
            await fixture.Grains.GetGrain<IUserGrain>(GrainKeys.Scoped(new TenantId(signup.Tenant.Id), signup.User.Id)).CreateAsync(email, storedHash);
        }
        return (email, signup.User.Id);
    }

    private static string LegacyHash(string password, int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        return $"pbkdf2-sha256${iterations.ToString(CultureInfo.InvariantCulture)}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }
}
