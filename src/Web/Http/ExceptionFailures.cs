using System.Text.Json;
using Bob.Grains.Abstractions.Common;

namespace Bob.Web.Http;

/// <summary>
/// The one place an exception becomes a failure: client faults (unreadable bodies) are 4xx, an unreachable cluster or
/// database is 503 with a Retry-After (retry), and anything else is a 500 that is a real server fault (report it).
/// </summary>
public static class ExceptionFailures
{
    public static readonly TimeSpan UnavailableRetryAfter = TimeSpan.FromSeconds(2);

    public static Failure From(Exception exception) => exception switch
    {
        FailureException { Failure: var failure } => failure,
        BadHttpRequestException { InnerException: UnstorableTextException unstorable } =>
            Failure.Validation(unstorable.Field, $"{unstorable.Field} {StorableText.Rule}"),
        BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
            new(FailureCodes.UnsupportedMediaType, "Send the body as application/json."),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            new(FailureCodes.PayloadTooLarge, $"The body exceeds {BodySizeLimitMiddleware.MaxBodyBytes} bytes."),
        BadHttpRequestException { InnerException: JsonException json } =>
            new(FailureCodes.InvalidJson, JsonDetail(json)),
        BadHttpRequestException bad when bad.Message.Contains("body was not provided", StringComparison.OrdinalIgnoreCase) =>
            new(FailureCodes.InvalidJson, "A JSON body is required."),
        BadHttpRequestException =>
            new(FailureCodes.InvalidJson, "The request could not be read."),
        // The framework's form reader refuses a NUL in a form field (and a form past its size limits) before any handler runs.
        InvalidDataException =>
            Failure.Validation("form", "The form could not be read: a field holds a NUL character, or the form is too large."),
        // The runtime's own failures (a silo gone, a message rejected or forwarded too often, a placement or activation
        // failing while membership changes, a call cancelled under a lost silo) say the cluster could not carry the call
        // now, and a retry can: 503, never 500. A grain's own exceptions keep their types and stay 500.
        // A stream whose grain was deactivated or moved mid-answer (EnumerationAbortedException) is the same: retry.
        Orleans.Runtime.OrleansException or Orleans.Runtime.Messaging.ConnectionFailedException or Orleans.Storage.InconsistentStateException
            or Orleans.Runtime.EnumerationAbortedException or TimeoutException or OperationCanceledException =>
            new(FailureCodes.ServiceUnavailable, "The service is briefly unavailable; retry shortly.", RetryAfter: UnavailableRetryAfter),
        _ => new(FailureCodes.InternalError, "Something went wrong on our side. Quote the requestId when reporting it."),
    };

    private static string JsonDetail(JsonException json) =>
        json.Path is { Length: > 0 } path && path != "$"
            ? $"The value at '{path}' is malformed or has the wrong type."
            : "The body is not well-formed JSON.";
}
