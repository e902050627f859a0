using Bob.Grains.Abstractions.Common;

namespace Bob.Web.Http;

/// <summary>The one place a problem <c>code</c> becomes an HTTP status and title.</summary>
public static class ProblemCatalog
{
    private static readonly Dictionary<string, (int Status, string Title)> ByCode = new(StringComparer.Ordinal)
    {
        [FailureCodes.ValidationFailed] = (400, "The request is invalid"),
        [FailureCodes.InvalidJson] = (400, "The request body is not valid JSON for this route"),
        [FailureCodes.InvalidHost] = (400, "Unknown host"),
        [FailureCodes.UnsupportedMediaType] = (415, "Only application/json bodies are accepted"),
        [FailureCodes.PayloadTooLarge] = (413, "The request body is too large"),
        [FailureCodes.NotFound] = (404, "Not found"),
        [FailureCodes.MethodNotAllowed] = (405, "Method not allowed"),
        [FailureCodes.Unauthenticated] = (401, "Authentication required"),
        [FailureCodes.InvalidToken] = (401, "The credentials are invalid or expired"),
        [FailureCodes.InvalidCredentials] = (401, "Wrong email or password"),
        [FailureCodes.CsrfFailed] = (403, "Missing or wrong CSRF token"),
        [FailureCodes.Forbidden] = (403, "Forbidden"),
        [FailureCodes.TooManyRequests] = (429, "Too many requests"),
        [FailureCodes.RateLimited] = (429, "Rate limited"),
        [FailureCodes.LoginThrottled] = (429, "Too many failed logins"),
        [FailureCodes.EmailTaken] = (409, "Email already registered"),
        [FailureCodes.InvalidInvitation] = (400, "Invalid invitation"),
        [FailureCodes.LastOwner] = (409, "The last owner must stay"),
        [FailureCodes.LastPlatformAdmin] = (409, "The last platform admin must stay"),
        [FailureCodes.SeatLimitReached] = (409, "Seat limit reached"),
        [FailureCodes.IntegrationLimitReached] = (409, "Integration limit reached"),
        [FailureCodes.TenantSuspended] = (403, "Tenant suspended"),
        [FailureCodes.InvalidWidgetKey] = (401, "Invalid widget key"),
        [FailureCodes.OriginNotAllowed] = (403, "Origin not allowed"),
        [FailureCodes.PublicChatDisabled] = (403, "Public chat is disabled for this business"),
        [FailureCodes.UnknownBusiness] = (404, "No business has this id"),
        [FailureCodes.CreditsExhausted] = (402, "AI credits exhausted"),
        [FailureCodes.ActivePersona] = (409, "The active persona cannot be deleted"),
        [FailureCodes.ConversationTakenOver] = (409, "A human agent has taken over this conversation"),
        [FailureCodes.ConversationNotTakenOver] = (409, "The conversation is not taken over"),
        [FailureCodes.VisitorTokenRequired] = (401, "This conversation needs its visitor token"),
        [FailureCodes.InvalidVisitorToken] = (401, "The visitor token does not match this conversation"),
        [FailureCodes.ConversationFull] = (409, "This conversation is full"),
        [FailureCodes.IdentityInvalid] = (401, "The visitor identity is not valid"),
        [FailureCodes.IdentityRequired] = (401, "This widget needs a signed-in visitor"),
        [FailureCodes.DuplicateWebhook] = (409, "A webhook endpoint with this URL exists"),
        [FailureCodes.WebhookDisabled] = (409, "The webhook endpoint is disabled"),
        [FailureCodes.Conflict] = (409, "Conflict"),
        [FailureCodes.ServiceUnavailable] = (503, "Service temporarily unavailable"),
        [FailureCodes.InternalError] = (500, "Internal error"),
    };

    private static readonly Dictionary<int, string> CodeByStatus = new()
    {
        [400] = FailureCodes.ValidationFailed,
        [401] = FailureCodes.Unauthenticated,
        [403] = FailureCodes.Forbidden,
        [404] = FailureCodes.NotFound,
        [405] = FailureCodes.MethodNotAllowed,
        [409] = FailureCodes.Conflict,
        [413] = FailureCodes.PayloadTooLarge,
        [415] = FailureCodes.UnsupportedMediaType,
        [429] = FailureCodes.TooManyRequests,
        [503] = FailureCodes.ServiceUnavailable,
    };

    public static (int Status, string Title) Describe(string code) =>
        ByCode.TryGetValue(code, out var entry) ? entry : (500, "Internal error");

    public static string CodeFor(int status) => CodeByStatus.TryGetValue(status, out var code) ? code : FailureCodes.InternalError;

    public static string TypeFor(string code) => $"urn:bob:problem:{code}";
}
