using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Bob.Grains.Identity;

/// <summary>
/// PBKDF2-HMAC-SHA256 with a 128-bit salt, stored as <c>pbkdf2-sha256$iterations$salt$hash</c>.
/// Hashing is deliberately slow (~0.3 s), so it runs on the thread pool, never on a grain's scheduler.
/// </summary>
public sealed class PasswordHasher(IOptions<AuthOptions> options)
{
    public const int MinLength = 10;
    public const int MaxLength = 256;
    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public Task<string> HashAsync(string password) => Task.Run(() => Hash(password, options.Value.PasswordIterations));

    public Task<bool> VerifyAsync(string password, string stored) => Task.Run(() => Verify(password, stored));

    /// <summary>Spends the same time as a real check, so an unknown email cannot be told from a wrong password.</summary>
    public Task BurnAsync(string password) => Task.Run(() => Hash(password, options.Value.PasswordIterations));

    private static string Hash(string password, int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Join('$', Scheme, iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    private static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var iterations))
        {
            return false;
        }
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), Convert.FromBase64String(parts[2]), iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
