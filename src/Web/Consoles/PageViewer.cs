using Bob.Web.Auth;

namespace Bob.Web.Consoles;

/// <summary>
/// Who is looking at a page, as the layout needs it: the signed-in caller (null on a public page visited signed
/// out), the session's CSRF token every form carries, and the path (to mark the current navigation link).
/// </summary>
public sealed record PageViewer(Caller? Caller, string? CsrfToken, string Path)
{
    public static PageViewer Of(HttpContext context) =>
        new(Caller.From(context.User), context.User.FindFirst(BobClaims.Csrf)?.Value, context.Request.Path.Value ?? "/");

    public bool SignedIn => Caller is not null;

    public IEnumerable<ConsolePage> Navigation => Caller is null ? [] : ConsolePage.All.Where(p => p.OpensFor(Caller.Role));

    public bool May(string permission) => Caller is not null && Bob.Grains.Abstractions.Identity.Permissions.Grants(Caller.Role, permission);

    /// <summary>Where a member lands after signing in without a return address: the portal, or Mission Control for
    /// roles whose work is answering visitors.</summary>
    public static string HomeFor(string role) =>
        ConsolePage.PortalHome.OpensFor(role) && Bob.Grains.Abstractions.Identity.Permissions.Grants(role, Bob.Grains.Abstractions.Identity.Permissions.WidgetManage)
            ? ConsolePage.PortalHome.Path
            : Bob.Grains.Abstractions.Identity.Permissions.Grants(role, Bob.Grains.Abstractions.Identity.Permissions.ChatRead) ? ConsolePage.MissionControl.Path : ConsolePage.PortalHome.Path;
}
