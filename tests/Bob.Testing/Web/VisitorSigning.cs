using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bob.Testing;

/// <summary>What a business's server does to sign its visitor (docs/WIDGET.md), in both forms, and the identity-secret call.</summary>
public static class VisitorSigning
{
    public static async Task<string> IssueIdentitySecretAsync(this BobWebApp app, TestTenant tenant, string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var response = await app.Bearer(tenant.Token).PostAsync($"/api/widget-keys/{keyId ?? tenant.WidgetKeyId}/identity-secret", null);
        if ((int)response.StatusCode != 201)
        {
            throw new InvalidOperationException($"identity-secret answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        return (await response.JsonAsync())["secret"]!.GetValue<string>();
    }

    /// <summary><c>userId.hex(HMAC-SHA256(secret, userId))</c>.</summary>
    public static string Hmac(string secret, string userId) =>
        userId + "." + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(userId)));

    /// <summary>An HS256 JWT (or whatever <paramref name="alg"/> says, signed with HS256 anyway unless it is "none").</summary>
    public static string Jwt(string secret, JsonObject claims, string alg = "HS256")
    {
        ArgumentNullException.ThrowIfNull(claims);
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg, typ = "JWT" }));
        var payload = Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = alg == "none" ? "" : Base64Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(header + "." + payload)));
        return header + "." + payload + "." + signature;
    }

    /// <summary>The usual claims: <paramref name="userId"/>, an email and a name, valid for an hour from <paramref name="now"/>.</summary>
    public static JsonObject Claims(string userId, DateTimeOffset now, TimeSpan? life = null) => new()
    {
        ["sub"] = userId,
        ["email"] = userId + "@customers.example.com",
        ["name"] = "Customer " + userId,
        ["iat"] = now.ToUnixTimeSeconds(),
        ["exp"] = (now + (life ?? TimeSpan.FromHours(1))).ToUnixTimeSeconds(),
    };

    public static HttpClient WithIdentity(this HttpClient client, string identity)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.DefaultRequestHeaders.Add("X-Bob-Identity", identity);
        return client;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
