using System.Text.Json.Nodes;

namespace Bob.Web.Tests.Identity;

/// <summary>What the team tests read from the team API's answers.</summary>
internal static class TeamApi
{
    public static string NewEmail() => $"member-{Guid.NewGuid():N}@example.com";

    public static string Token(JsonObject login) => login["token"]!.GetValue<string>();

    public static string UserId(JsonObject login) => login["user"]!["id"]!.GetValue<string>();

    public static async Task<JsonNode?> MemberAsync(this BobWebApp app, TestTenant tenant, string userId) =>
        (await app.TeamAsync(tenant.Token))["members"]!.AsArray().SingleOrDefault(m => m!["id"]!.GetValue<string>() == userId);
}
