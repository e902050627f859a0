using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Bob.Grains.Abstractions.WidgetKeys;
using Bob.Grains.Webhooks;
using Bob.Grains.WidgetKeys;
using Bob.Web.Features.Widget;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Bob.Web.Tests.Widget;

/// <summary>Identity verification against the clock (a <see cref="FakeTimeProvider"/>, no waiting): the 24 h overlap of a
/// replaced secret, clock skew and token lifetime, from issue (sealed) through a key's authorization (opened) to verification.</summary>
public sealed class IdentityTokensTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly SecretProtector _protector = new(
        Options.Create(new WebhookOptions { SecretKeys = [Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))] }),
        new HostingEnvironment { EnvironmentName = "Development" }, NullLogger<SecretProtector>.Instance);

    private IReadOnlyList<IdentitySecret>? Authorized(IReadOnlyList<IdentitySecret> sealedSecrets, string keyId = "wk_1") =>
        WidgetIdentitySecrets.Open(_protector, new WidgetKeyBinding(new("t1"), keyId, [], SealedIdentitySecrets: sealedSecrets));

    private string? UserOf(string token, IReadOnlyList<IdentitySecret>? secrets) =>
        IdentityTokens.Verify(token, secrets, _time.GetUtcNow(), out _)?.UserId;

    [Fact]
    public void A_replaced_secret_verifies_for_24_hours_and_then_no_longer()
    {
        var (first, kept) = WidgetIdentitySecrets.Issue(_protector, "wk_1", null, _time.GetUtcNow());
        _time.Advance(TimeSpan.FromHours(2));
        var (second, rotated) = WidgetIdentitySecrets.Issue(_protector, "wk_1", kept, _time.GetUtcNow());
        var secrets = Authorized(rotated);

        Assert.Equal("old", UserOf(VisitorSigning.Hmac(first, "old"), secrets));
        Assert.Equal("new", UserOf(VisitorSigning.Hmac(second, "new"), secrets));
        _time.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        Assert.Equal("old", UserOf(VisitorSigning.Hmac(first, "old"), secrets));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(UserOf(VisitorSigning.Hmac(first, "old"), secrets));
        Assert.Equal("new", UserOf(VisitorSigning.Hmac(second, "new"), secrets));

        var (_, third) = WidgetIdentitySecrets.Issue(_protector, "wk_1", rotated, _time.GetUtcNow());
        Assert.Equal(2, third.Count); // the retired first secret is dropped; the second now retires in turn
    }

    [Fact]
    public void A_sealed_secret_never_opens_for_another_key_and_never_holds_the_secret_text()
    {
        var (text, kept) = WidgetIdentitySecrets.Issue(_protector, "wk_1", null, _time.GetUtcNow());

        Assert.Empty(Authorized(kept, "wk_2")!);
        Assert.DoesNotContain(text[4..20], System.Text.Encoding.Latin1.GetString(kept[0].Value), StringComparison.Ordinal);
        Assert.Null(UserOf(VisitorSigning.Hmac(text, "u"), Authorized(kept, "wk_2")));
    }

    [Fact]
    public void Token_times_allow_five_minutes_of_skew_and_at_most_a_day_of_life()
    {
        var (secret, kept) = WidgetIdentitySecrets.Issue(_protector, "wk_1", null, _time.GetUtcNow());
        var secrets = Authorized(kept);
        var now = _time.GetUtcNow();
        string Token(Action<JsonObject> change)
        {
            var claims = VisitorSigning.Claims("u1", now);
            change(claims);
            return VisitorSigning.Jwt(secret, claims);
        }

        Assert.Equal("u1", UserOf(Token(c => c["exp"] = now.AddMinutes(-4).ToUnixTimeSeconds()), secrets));
        Assert.Null(UserOf(Token(c => c["exp"] = now.AddMinutes(-6).ToUnixTimeSeconds()), secrets));
        Assert.Equal("u1", UserOf(Token(c => c["iat"] = now.AddMinutes(4).ToUnixTimeSeconds()), secrets));
        Assert.Null(UserOf(Token(c => c["iat"] = now.AddMinutes(6).ToUnixTimeSeconds()), secrets));
        Assert.Null(UserOf(Token(c => c["nbf"] = now.AddMinutes(6).ToUnixTimeSeconds()), secrets));
        Assert.Null(UserOf(Token(c => c["iat"] = "soon"), secrets));
        Assert.Equal("u1", UserOf(Token(c => c["exp"] = now.AddHours(24).ToUnixTimeSeconds()), secrets));
        Assert.Null(UserOf(Token(c => c["exp"] = now.AddHours(25).ToUnixTimeSeconds()), secrets));
        Assert.Null(UserOf(Token(c => c["exp"] = "tomorrow"), secrets));
        Assert.Null(UserOf(Token(c => c["sub"] = ""), secrets));
        Assert.Null(UserOf(Token(c => c["sub"] = new string('x', 129)), secrets));
        Assert.Null(UserOf(Token(c => c.Remove("sub")), secrets));
        Assert.Null(UserOf(Token(c => c["name"] = "bad\u0000name"), secrets));
    }

    [Fact]
    public void Only_hs256_verifies_and_a_tampered_payload_does_not()
    {
        var (secret, kept) = WidgetIdentitySecrets.Issue(_protector, "wk_1", null, _time.GetUtcNow());
        var secrets = Authorized(kept);
        var good = VisitorSigning.Jwt(secret, VisitorSigning.Claims("u1", _time.GetUtcNow()));
        var parts = good.Split('.');
        var otherPayload = VisitorSigning.Jwt(secret, VisitorSigning.Claims("admin", _time.GetUtcNow())).Split('.')[1];

        Assert.Equal("u1", UserOf(good, secrets));
        Assert.Null(UserOf(VisitorSigning.Jwt(secret, VisitorSigning.Claims("u1", _time.GetUtcNow()), alg: "none"), secrets));
        Assert.Null(UserOf(VisitorSigning.Jwt(secret, VisitorSigning.Claims("u1", _time.GetUtcNow()), alg: "hs256"), secrets));
        Assert.Null(UserOf($"{parts[0]}.{otherPayload}.{parts[2]}", secrets));
        Assert.Null(UserOf($"{parts[0]}.{parts[1]}.", secrets));
        Assert.Null(UserOf(good + good, secrets));
        Assert.Null(UserOf(new string('a', IdentityTokens.MaxLength + 1), secrets));
        Assert.Equal("dotted.user.id", UserOf(VisitorSigning.Hmac(secret, "dotted.user.id"), secrets));
    }
}
