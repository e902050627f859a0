namespace Bob.Grains.Identity;

/// <summary>Settings under <c>Bob:Auth</c> (environment: <c>Bob__Auth__TokenLifetime</c>, ...).</summary>
public sealed class AuthOptions
{
    public const string Section = "Bob:Auth";

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>PBKDF2-HMAC-SHA256 work factor; OWASP's 2023 figure. Stored with each hash, so raising it never locks anyone out.</summary>
    public int PasswordIterations { get; set; } = 600_000;

    /// <summary>Consecutive failures from one source (IP, IPv6 /64) on one account before that source is locked out.</summary>
    public int FailuresBeforeLockout { get; set; } = 5;

    public TimeSpan FirstLockout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxLockout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failures on one account from all sources within <see cref="AccountFailureWindow"/> that mark a distributed attack.</summary>
    public int AccountFailuresBeforeSlowdown { get; set; } = 50;

    public TimeSpan AccountFailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>During an attack, sources that never logged into the account share one try per this interval.</summary>
    public TimeSpan SlowdownInterval { get; set; } = TimeSpan.FromSeconds(10);
}
