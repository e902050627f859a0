using Bob.Grains.Abstractions.Common;

namespace Bob.Web.Consoles;

/// <summary>A failure's problem <c>errors</c> as a form shows them next to a field.</summary>
public static class FieldErrors
{
    /// <summary>Every message the failure has for <paramref name="field"/>, joined; null when it has none.</summary>
    public static string? ErrorFor(this Failure? failure, string field) =>
        failure?.Errors is { } errors && errors.TryGetValue(field, out var messages) && messages.Length > 0 ? string.Join(" ", messages) : null;
}
