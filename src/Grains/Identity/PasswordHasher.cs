using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Bob.Grains.Identity;

/// <summary>The outcome of checking a password against its stored hash.</summary>
public enum PasswordCheck
{
    Wrong,
    Correct,

    /// <summary>Correct, but the stored hash is weaker than configured: store a fresh one.</summary>
    CorrectButWeak,
}

/// <summary>
/// PBKDF2-HMAC-SHA256 with a 128-bit salt, stored as <c>pbkdf2-sha256$iterations$salt$hash</c>.
/// Hashing is deliberately slow (~0.3 s), so it runs on the thread pool, never on a grain's scheduler. Every check
/// costs at least the configured work, whatever is stored (an older, cheaper hash; a corrupt one; no user at all), so
/// the time a failed login takes says nothing about the account.
/// </summary>
public sealed class PasswordHasher(IOptions<AuthOptions> options)
{
    public const int MinLength = 10;
    public const int MaxLength = 256;

    /// <summary>A stored work factor above this is corrupt: a damaged row must not make one login hash for an hour.</summary>
    public const int MaxIterations = 10_000_000;

    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private long _iterationsSpent;

    /// <summary>PBKDF2 iterations computed so far, so tests can prove every login path does the same work.</summary>
    public long IterationsSpent => Interlocked.Read(ref _iterationsSpent);

    private int Configured => options.Value.PasswordIterations;

    public Task<string> HashAsync(string password) => Task.Run(() =>
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, Configured, HashBytes);
        return string.Join('$', Scheme, Configured.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    });

    public Task<PasswordCheck> VerifyAsync(string password, string stored) => Task.Run(() => Verify(password, stored));

    /// <summary>Spends the same time as a real check, so an unknown email cannot be told from a wrong password.</summary>
    public Task BurnAsync(string password) => Task.Run(() => Derive(password, RandomNumberGenerator.GetBytes(SaltBytes), Configured, HashBytes));

    private PasswordCheck Verify(string password, string stored)
    {
        if (!TryParse(stored, out var iterations, out var salt, out var expected))
        {
            Derive(password, salt, Configured, HashBytes);
            return PasswordCheck.Wrong;
        }
        var actual = Derive(password, salt, iterations, expected.Length);
        if (iterations < Configured)
        {
            Derive(password, salt, Configured - iterations, HashBytes);
        }
        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            return PasswordCheck.Wrong;
        }
        return iterations < Configured ? PasswordCheck.CorrectButWeak : PasswordCheck.Correct;
    }

    private static bool TryParse(string stored, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = [];
        hash = [];
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations is < 1 or > MaxIterations
            || !TryBase64(parts[2], out salt) || !TryBase64(parts[3], out hash) || hash.Length is < 16 or > 64)
        {
            salt = [];
            return false;
        }
        return true;
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        var buffer = new byte[text.Length];
        if (Convert.TryFromBase64String(text, buffer, out var written))
        {
            bytes = buffer[..written];
            return true;
        }
        bytes = [];
        return false;
    }

    private byte[] Derive(string password, byte[] salt, int iterations, int length)
    {
        Interlocked.Add(ref _iterationsSpent, iterations);
        return Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, length);
    }
}
