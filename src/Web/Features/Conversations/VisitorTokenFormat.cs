namespace Bob.Web.Features.Conversations;

/// <summary>What a visitor token looks like from outside (Bob issues 22 URL-safe characters; a little slack is allowed).</summary>
public static class VisitorTokenFormat
{
    public const string Problem = "visitor_token must be the token this conversation's first turn returned.";

    public static bool IsValid(string token) => token.Length is > 0 and <= 64 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
