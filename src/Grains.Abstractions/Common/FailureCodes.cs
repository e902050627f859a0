namespace Bob.Grains.Abstractions.Common;

/// <summary>The stable <c>code</c> values of Bob's problems. Clients switch on these; never rename one.</summary>
public static class FailureCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string InvalidJson = "invalid_json";
    public const string InvalidHost = "invalid_host";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string PayloadTooLarge = "payload_too_large";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string Unauthenticated = "unauthenticated";
    public const string InvalidToken = "invalid_token";
    public const string InvalidCredentials = "invalid_credentials";
    public const string CsrfFailed = "csrf_failed";
    public const string Forbidden = "forbidden";
    public const string TooManyRequests = "too_many_requests";
    public const string RateLimited = "rate_limited";
    public const string LoginThrottled = "login_throttled";
    public const string EmailTaken = "email_taken";
    public const string InvalidInvitation = "invalid_invitation";
    public const string LastOwner = "last_owner";
    public const string LastPlatformAdmin = "last_platform_admin";
    public const string SeatLimitReached = "seat_limit_reached";
    public const string IntegrationLimitReached = "integration_limit_reached";
    public const string TenantSuspended = "tenant_suspended";
    public const string InvalidWidgetKey = "invalid_widget_key";
    public const string OriginNotAllowed = "origin_not_allowed";
    public const string PublicChatDisabled = "public_chat_disabled";
    public const string UnknownBusiness = "unknown_business";
    public const string CreditsExhausted = "credits_exhausted";
    public const string ActivePersona = "active_persona";
    public const string ConversationTakenOver = "session_taken_over";
    public const string ConversationNotTakenOver = "session_not_taken_over";
    public const string VisitorTokenRequired = "visitor_token_required";
    public const string InvalidVisitorToken = "invalid_visitor_token";
    public const string IdentityInvalid = "identity_invalid";
    public const string IdentityRequired = "identity_required";
    public const string ConversationFull = "conversation_full";
    public const string DuplicateWebhook = "duplicate_webhook";
    public const string WebhookDisabled = "webhook_disabled";
    public const string Conflict = "conflict";
    public const string ServiceUnavailable = "service_unavailable";
    public const string InternalError = "internal_error";
}
