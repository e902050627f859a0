using Microsoft.Extensions.Primitives;

namespace Bob.Web.Consoles;

/// <summary>
/// A posted form, read by hand (form binding in minimal APIs would bring the framework's antiforgery, while Bob's
/// forms carry the session's own CSRF token, checked by <see cref="Auth.CsrfMiddleware"/> before the handler runs).
/// </summary>
public sealed class PageForm(IFormCollection form)
{
    public const string CsrfField = "_csrf";

    public static async Task<PageForm> ReadAsync(HttpContext context) =>
        new(context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : FormCollection.Empty);

    /// <summary>The field's value, or null when it was not sent or is blank.</summary>
    public string? this[string name] => form.TryGetValue(name, out var value) && !StringValues.IsNullOrEmpty(value) && value.ToString().Length > 0 ? value.ToString() : null;

    public IReadOnlyList<string> All(string name) => form.TryGetValue(name, out var values) ? [.. values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!)] : [];
}
