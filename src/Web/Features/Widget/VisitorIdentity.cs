using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.WidgetKeys;

namespace Bob.Web.Features.Widget;

/// <summary>
/// The signed-in visitor of a widget request: <c>X-Bob-Identity</c> (or <c>?identity=</c>, since an EventSource cannot set
/// headers), verified against the identity secrets the key's authorization already carried, so verifying costs no grain call.
/// A request without one is anonymous; one with a bad one is refused (<c>identity_invalid</c>), never treated as anonymous.
/// </summary>
public static class VisitorIdentity
{
    public const string Header = "X-Bob-Identity";
    public const string QueryName = "identity";

    /// <summary>Verifies the request's identity, if it carries one, and remembers the visitor for <see cref="Of"/>.</summary>
    public static Failure? Verify(HttpContext context, WidgetKeyBinding binding)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(binding);
        var token = context.Request.Headers[Header].ToString();
        if (token.Length == 0)
        {
            token = context.Request.Query[QueryName].ToString();
        }
        if (token.Length == 0)
        {
            return null;
        }
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (IdentityTokens.Verify(token, binding.IdentitySecrets, now, out var reason) is not { } visitor)
        {
            return new Failure(FailureCodes.IdentityInvalid, reason);
        }
        context.Items[typeof(VerifiedVisitor)] = visitor;
        return null;
    }

    /// <summary>The visitor <see cref="Verify"/> accepted for this request; null when it is anonymous.</summary>
    public static VerifiedVisitor? Of(HttpContext context) => context.Items[typeof(VerifiedVisitor)] as VerifiedVisitor;

    /// <summary><c>identity_required</c> when the key requires signed-in visitors and this request has none.</summary>
    public static Failure? Missing(HttpContext context, WidgetKeyBinding binding) =>
        binding.RequireIdentity && Of(context) is null
            ? new Failure(FailureCodes.IdentityRequired, $"This widget serves signed-in visitors only: send the identity your site signed in {Header}.")
            : null;
}
