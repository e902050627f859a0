using System.Text;
using Bob.Grains.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StandardWebhooks;

namespace Bob.Grains.Tests.Webhooks;

/// <summary>Our signatures against the independent StandardWebhooks package, and the sealing of secrets at rest.</summary>
public sealed class WebhookSigningTests
{
    private const string Body = "{\"type\":\"message.created\",\"timestamp\":\"2026-11-25T10:00:00+00:00\",\"data\":{\"text\":\"Grüße 👋\"}}";

    [Fact]
    public void A_signature_verifies_with_the_standard_webhooks_package()
    {
        var key = WebhookSecrets.NewKey();
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var signature = WebhookSignature.Sign("evt_1", timestamp, Body, [key]);

        new StandardWebhook(WebhookSecrets.Format(key)).Verify(Body, Headers("evt_1", timestamp, signature));
        Assert.Equal(new StandardWebhook(WebhookSecrets.Format(key)).Sign("evt_1", DateTimeOffset.FromUnixTimeSeconds(timestamp), Body), signature);
    }

    [Fact]
    public void Two_secrets_sign_side_by_side_and_each_verifies_alone()
    {
        var (old, fresh) = (WebhookSecrets.NewKey(), WebhookSecrets.NewKey());
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var signature = WebhookSignature.Sign("evt_2", timestamp, Body, [fresh, old]);

        // Each signature is handed to the package alone: 1.1.2 compares only the first of several correctly.
        var parts = signature.Split(' ');
        Assert.Equal(2, parts.Length);
        new StandardWebhook(WebhookSecrets.Format(fresh)).Verify(Body, Headers("evt_2", timestamp, parts[0]));
        new StandardWebhook(WebhookSecrets.Format(old)).Verify(Body, Headers("evt_2", timestamp, parts[1]));
        new StandardWebhook(WebhookSecrets.Format(fresh)).Verify(Body, Headers("evt_2", timestamp, signature));
        Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(() =>
            new StandardWebhook(WebhookSecrets.Format(WebhookSecrets.NewKey())).Verify(Body, Headers("evt_2", timestamp, signature)));
    }

    [Fact]
    public void A_changed_body_id_or_stale_timestamp_does_not_verify()
    {
        var key = WebhookSecrets.NewKey();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var webhook = new StandardWebhook(WebhookSecrets.Format(key));

        Assert.ThrowsAny<Exception>(() => webhook.Verify(Body + " ", Headers("evt_3", now, WebhookSignature.Sign("evt_3", now, Body, [key]))));
        Assert.ThrowsAny<Exception>(() => webhook.Verify(Body, Headers("evt_4", now, WebhookSignature.Sign("evt_3", now, Body, [key]))));
        var stale = now - 600;
        Assert.ThrowsAny<Exception>(() => webhook.Verify(Body, Headers("evt_3", stale, WebhookSignature.Sign("evt_3", stale, Body, [key]))));
    }

    [Fact]
    public void Secrets_are_whsec_and_base64_of_24_to_64_bytes()
    {
        var key = WebhookSecrets.NewKey();
        var secret = WebhookSecrets.Format(key);

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.InRange(WebhookSecrets.Parse(secret).Length, 24, 64);
        Assert.Equal(key, WebhookSecrets.Parse(secret));
        Assert.NotEqual(key, WebhookSecrets.NewKey());
    }

    [Fact]
    public void A_sealed_secret_opens_only_for_its_own_endpoint_and_only_with_a_configured_key()
    {
        var key = Convert.ToBase64String(Encoding.ASCII.GetBytes("0123456789abcdef0123456789abcdef"));
        var other = Convert.ToBase64String(Encoding.ASCII.GetBytes("fedcba9876543210fedcba9876543210"));
        var protector = Protector(Environments.Production, key);
        var secret = WebhookSecrets.NewKey();

        var sealedSecret = protector.Seal(secret, "shop/wh_1");

        Assert.Equal(secret, protector.Open(sealedSecret, "shop/wh_1"));
        Assert.DoesNotContain(Convert.ToBase64String(secret), Convert.ToBase64String(sealedSecret), StringComparison.Ordinal);
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => protector.Open(sealedSecret, "shop/wh_2"));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => Protector(Environments.Production, other).Open(sealedSecret, "shop/wh_1"));
        Assert.Equal(secret, Protector(Environments.Production, other, key).Open(sealedSecret, "shop/wh_1"));
    }

    [Fact]
    public void Production_refuses_to_start_without_a_sealing_key()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Protector(Environments.Production));

        Assert.Contains("Bob__Webhooks__SecretKeys__0", refused.Message, StringComparison.Ordinal);
        var development = Protector(Environments.Development);
        Assert.Equal([1, 2, 3], development.Open(development.Seal([1, 2, 3], "t/e"), "t/e"));
    }

    private static SecretProtector Protector(string environment, params string[] keys) =>
        new(Options.Create(new WebhookOptions { SecretKeys = keys }), new HostEnvironment(environment), NullLogger<SecretProtector>.Instance);

    private static HeaderDictionary Headers(string id, long timestamp, string signature) => new()
    {
        ["webhook-id"] = id,
        ["webhook-timestamp"] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["webhook-signature"] = signature,
    };

    private sealed class HostEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Bob.Tests";

        public string ContentRootPath { get; set; } = "";

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
