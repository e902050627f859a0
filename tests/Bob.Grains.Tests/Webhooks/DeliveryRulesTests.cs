using System.Net;
using Bob.Grains.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Bob.Grains.Tests.Webhooks;

/// <summary>The plain rules of delivery: the retry schedule, endpoint health, the address policy and URL rules.</summary>
public sealed class DeliveryRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_default_schedule_retries_for_about_a_day_then_gives_up()
    {
        var options = new WebhookOptions();
        var schedule = new RetrySchedule(options, () => 0.5);
        var failure = new AttemptResult(500, TimeSpan.FromMilliseconds(20), AttemptResult.HttpError);

        var waits = Enumerable.Range(1, options.Delays.Count).Select(n => ((DeliveryDecision.Retry)schedule.Decide(failure, n, Now)).At - Now).ToList();

        Assert.Equal(WebhookOptions.DefaultRetryDelays, waits);
        Assert.InRange(waits.Aggregate(TimeSpan.Zero, (a, b) => a + b), TimeSpan.FromHours(22), TimeSpan.FromHours(26));
        Assert.Equal(new DeliveryDecision.GiveUp(false), schedule.Decide(failure, options.Delays.Count + 1, Now));
    }

    [Fact]
    public void A_configured_schedule_replaces_the_default_rather_than_extending_it()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bob:Webhooks:RetryDelays:0"] = "00:00:00.200",
            ["Bob:Webhooks:RetryDelays:1"] = "00:00:02",
        }).Build();
        var options = new WebhookOptions();

        configuration.GetSection(WebhookOptions.Section).Bind(options);

        Assert.Equal([TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2)], options.Delays);
        var schedule = new RetrySchedule(options, () => 0.5);
        var failure = new AttemptResult(500, TimeSpan.Zero, AttemptResult.HttpError);
        Assert.Equal(new DeliveryDecision.GiveUp(false), schedule.Decide(failure, 3, Now));
    }

    [Theory]
    [InlineData(0.0, 0.8)]
    [InlineData(1.0, 1.2)]
    public void Jitter_stays_within_twenty_percent(double random, double factor)
    {
        var schedule = new RetrySchedule(new WebhookOptions(), () => random);

        var retry = (DeliveryDecision.Retry)schedule.Decide(new AttemptResult(null, TimeSpan.Zero, AttemptResult.Timeout), 4, Now);

        Assert.Equal(TimeSpan.FromMinutes(30) * factor, retry.At - Now);
    }

    [Fact]
    public void Success_delivers_410_gives_up_for_good_and_retry_after_is_honoured_up_to_an_hour()
    {
        var schedule = new RetrySchedule(new WebhookOptions(), () => 0.5);

        Assert.IsType<DeliveryDecision.Delivered>(schedule.Decide(new AttemptResult(204, TimeSpan.Zero, null), 1, Now));
        Assert.Equal(new DeliveryDecision.GiveUp(true), schedule.Decide(new AttemptResult(410, TimeSpan.Zero, AttemptResult.HttpError), 1, Now));
        Assert.Equal(new DeliveryDecision.Retry(Now + TimeSpan.FromSeconds(90)),
            schedule.Decide(new AttemptResult(429, TimeSpan.Zero, AttemptResult.HttpError, TimeSpan.FromSeconds(90)), 1, Now));
        Assert.Equal(new DeliveryDecision.Retry(Now + TimeSpan.FromHours(1)),
            schedule.Decide(new AttemptResult(503, TimeSpan.Zero, AttemptResult.HttpError, TimeSpan.FromDays(3)), 1, Now));
        Assert.Equal(new DeliveryDecision.Retry(Now + TimeSpan.FromSeconds(5)),
            schedule.Decide(new AttemptResult(500, TimeSpan.Zero, AttemptResult.HttpError, TimeSpan.FromSeconds(90)), 1, Now));
    }

    [Fact]
    public void A_day_of_failures_disables_an_endpoint_and_one_success_forgives_them()
    {
        var health = new DeliveryHealth(Options.Create(new WebhookOptions()));
        AttemptResult[] failed = [new(500, TimeSpan.Zero, AttemptResult.HttpError)];

        var (since, reason) = health.After(null, failed, Now);
        var (stillSince, stillReason) = health.After(since, failed, Now.AddHours(23));
        var (_, dayReason) = health.After(since, failed, Now.AddHours(24));
        var (forgiven, _) = health.After(since, [new(200, TimeSpan.Zero, null)], Now.AddHours(23));
        var (_, goneReason) = health.After(null, [new(410, TimeSpan.Zero, AttemptResult.HttpError)], Now);

        Assert.Equal(Now, since);
        Assert.Null(reason);
        Assert.Equal(Now, stillSince);
        Assert.Null(stillReason);
        Assert.Equal("failing", dayReason);
        Assert.Null(forgiven);
        Assert.Equal("gone", goneReason);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.0.10")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255")]
    [InlineData("224.0.0.1")]
    [InlineData("198.18.0.1")]
    [InlineData("192.0.2.1")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("fc00::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::10.0.0.1")]
    [InlineData("2002:0a00:0001::1")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("2001:db8::1")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")]
    public void Private_loopback_link_local_and_reserved_addresses_are_refused(string address) =>
        Assert.False(NetworkPolicy.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:93.184.216.34")]
    [InlineData("2002:5db8:d822::1")]
    public void Public_addresses_are_allowed(string address) => Assert.True(NetworkPolicy.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("https://hooks.example.com/bob", false, true)]
    [InlineData("http://hooks.example.com/bob", false, false)]
    [InlineData("http://hooks.example.com/bob", true, true)]
    [InlineData("ftp://hooks.example.com/bob", true, false)]
    [InlineData("https://user:pw@hooks.example.com/bob", false, false)]
    [InlineData("https://hooks.example.com/bob#frag", false, false)]
    [InlineData("hooks.example.com/bob", false, false)]
    [InlineData("https://hooks.example.com/b ob", false, false)]
    [InlineData("", false, false)]
    public void Urls_must_be_absolute_https_without_credentials(string url, bool allowHttp, bool accepted) =>
        Assert.Equal(accepted, WebhookUrls.Parse(url, allowHttp, out _) is not null);

    [Fact]
    public void Urls_are_normalized_for_duplicate_checks_and_long_ones_refused()
    {
        Assert.Equal("https://hooks.example.com/Bob?x=1", WebhookUrls.Normalize(WebhookUrls.Parse("HTTPS://Hooks.Example.com:443/Bob?x=1", false, out _)!));
        Assert.Null(WebhookUrls.Parse("https://hooks.example.com/" + new string('a', 5000), false, out var problem));
        Assert.Contains("2048", problem, StringComparison.Ordinal);
    }
}
