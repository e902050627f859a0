namespace Bob.Web.Tests.Infrastructure;

/// <summary>A node whose auth routes allow only three requests a minute per client address.</summary>
public sealed class LowAuthRateLimitApp : BobWebApp
{
    public const int AuthPerMinute = 3;

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["Bob:RateLimits:AuthPerMinutePerIp"] = AuthPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
