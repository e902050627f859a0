using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.WidgetKeys;
using Bob.Web.Features.Conversations;
using Bob.Web.Runtime;

namespace Bob.Web.Features.Widget;

/// <summary>
/// The widget's credentials: <c>X-Widget-Key</c> (or <c>?key=</c>, because an EventSource cannot set headers) and the
/// browser's <c>Origin</c>. CORS headers go only on answers to an allowed origin, and every answer varies by Origin.
/// </summary>
public static class WidgetAccess
{
    public const string KeyHeader = "X-Widget-Key";
    public const string AllowMethods = "POST, GET, OPTIONS";
    public const string AllowHeaders = "Content-Type, X-Widget-Key, " + VisitorIdentity.Header;

    public static async Task<Result<WidgetKeyBinding>> AuthorizeAsync(HttpContext context)
    {
        context.Response.Headers.Vary = "Origin";
        var key = KeyOf(context);
        if (key is null)
        {
            return new Failure(FailureCodes.InvalidWidgetKey, "Send the widget key in X-Widget-Key.");
        }
        var origin = context.Request.Headers.Origin.ToString();
        // Repeatable: a second pass only takes once more from the key's rate limit.
        var guard = context.RequestServices.GetRequiredService<SiloLossGuard>();
        var address = LoginSources.Of(context.Connection.RemoteIpAddress);
        var result = await context.RequestServices.GetRequiredService<WidgetKeyPasses>()
            .AdmitAsync(key, origin, address, take => guard.CallAsync(take, repeatable: true));
        // The per-key limit is checked after the key and origin passed, so its 429 may be read by the page: the widget
        // then says "slow down" instead of "unreachable". Other refusals carry no CORS headers.
        if (result.IsSuccess || result.Failure!.Code is FailureCodes.TooManyRequests or FailureCodes.RateLimited)
        {
            AllowOrigin(context, origin);
        }
        if (!result.IsSuccess)
        {
            return result;
        }
        // The origin is allowed, so the widget may read this refusal too. A chat turn reuses this read (TurnConfigRead).
        // A read, so repeatable: without the guard a tenant grain on a killed silo held widget turns 30 s (fault run).
        var configs = context.RequestServices.GetRequiredService<TenantTurnConfigCopies>();
        var tenant = await guard.CallAsync(() => configs.GetAsync(result.Value!.Tenant), repeatable: true);
        if (tenant is { Settings.Suspended: true })
        {
            return new Failure(FailureCodes.TenantSuspended, "This business's assistant is suspended.");
        }
        context.Items[typeof(TenantTurnConfig)] = tenant;
        return VisitorIdentity.Verify(context, result.Value!) is { } invalidIdentity ? invalidIdentity : result;
    }

    /// <summary><see cref="AuthorizeAsync"/> for a visitor's turn: a key that requires signed-in visitors refuses an anonymous one.</summary>
    public static async Task<Result<WidgetKeyBinding>> AuthorizeTurnAsync(HttpContext context)
    {
        var result = await AuthorizeAsync(context);
        return result.IsSuccess && VisitorIdentity.Missing(context, result.Value!) is { } missing ? missing : result;
    }

    /// <summary>A preflight carries no key header: it names the key in <c>?key=</c>, or any live key listing the origin admits it.</summary>
    public static async Task<bool> PreflightAllowedAsync(HttpContext context, IClusterClient cluster)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return false;
        }
        if (KeyOf(context) is { } key)
        {
            return (await context.RequestServices.GetRequiredService<SiloLossGuard>()
                .CallAsync(() => cluster.Reference<IWidgetKeyGrain>(key).AuthorizeAsync(origin), repeatable: true)).IsSuccess;
        }
        foreach (var entry in Origins.EntriesAdmitting(origin))
        {
            if (await cluster.GetGrain<IWidgetOriginGrain>(entry).AnyAsync())
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>An open widget stream goes on while its key is live and lists the origin (rotated out or revoked: it ends) and
    /// its tenant is not suspended; asked without spending the key's rate budget.</summary>
    public static StreamAccess StreamAccess(HttpContext context, IClusterClient cluster, TenantId tenant, TimeSpan every)
    {
        var key = cluster.Reference<IWidgetKeyGrain>(KeyOf(context)!);
        var origin = context.Request.Headers.Origin.ToString();
        var configs = context.RequestServices.GetRequiredService<TenantTurnConfigCopies>();
        return new StreamAccess(async () =>
        {
            var live = await key.StillAuthorizedAsync(origin);
            if (!live.IsSuccess)
            {
                return live.Failure;
            }
            return await configs.GetAsync(tenant) is { Settings.Suspended: false }
                ? null
                : new Failure(FailureCodes.TenantSuspended, "This business's assistant is suspended.");
        }, every);
    }

    /// <summary>The tenant's turn configuration <see cref="AuthorizeAsync"/> read for this request, if it did.</summary>
    public static TenantTurnConfig? TurnConfigRead(HttpContext context) => context.Items[typeof(TenantTurnConfig)] as TenantTurnConfig;

    /// <summary>Set now, and again as the answer starts: an exception later in the request (a database outage) clears
    /// the headers before its problem is written, and the page must still read that 503 to retry it by itself.</summary>
    public static void AllowOrigin(HttpContext context, string origin)
    {
        SetAllowOrigin(context.Response.Headers, origin);
        context.Response.OnStarting(() =>
        {
            SetAllowOrigin(context.Response.Headers, origin);
            return Task.CompletedTask;
        });
    }

    private static void SetAllowOrigin(IHeaderDictionary headers, string origin)
    {
        headers.Vary = "Origin";
        headers.AccessControlAllowOrigin = origin;
        headers.AccessControlExposeHeaders = "X-Request-Id, Retry-After";
    }

    private static string? KeyOf(HttpContext context)
    {
        var key = context.Request.Headers[KeyHeader].ToString();
        if (key.Length == 0)
        {
            key = context.Request.Query["key"].ToString();
        }
        return WidgetKeyFormat.LooksLikeKey(key) ? key : null;
    }
}
