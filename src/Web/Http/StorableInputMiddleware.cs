using Bob.Grains.Abstractions.Common;

namespace Bob.Web.Http;

/// <summary>
/// <see cref="StorableText"/> for what a request carries outside its body: every query parameter (name and value) and
/// every route value, on every route, present and future. Runs after routing and before anything touches a grain.
/// </summary>
public sealed class StorableInputMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (FirstUnstorable(context) is { } field)
        {
            await Problems.WriteAsync(context, FailureCodes.ValidationFailed, "One or more fields are invalid.",
                new Dictionary<string, string[]> { [field] = [$"{field} {StorableText.Rule}"] });
            return;
        }
        await next(context);
    }

    private static string? FirstUnstorable(HttpContext context)
    {
        foreach (var (name, values) in context.Request.Query)
        {
            if (!StorableText.IsStorable(name))
            {
                return "query";
            }
            foreach (var value in values)
            {
                if (!StorableText.IsStorable(value))
                {
                    return name;
                }
            }
        }
        foreach (var (name, value) in context.Request.RouteValues)
        {
            if (value is string text && !StorableText.IsStorable(text))
            {
                return name;
            }
        }
        return null;
    }
}
