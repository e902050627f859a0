using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Abstractions.WidgetKeys;

/// <summary>
/// One public widget key, keyed by the key itself (<c>pk_live_…</c>), because a widget call carries nothing else.
/// Single activation, no cache in front: a revoke or rotation is refused on every node from the next call on.
/// </summary>
[Alias("bob.IWidgetKeyGrain")]
public interface IWidgetKeyGrain : IGrainWithStringKey
{
    [Alias("Bind")]
    Task BindAsync(WidgetKeyBinding binding);

    [Alias("Revoke")]
    Task RevokeAsync();

    /// <summary>The binding when the key is live and <paramref name="origin"/> is on its allow-list;
    /// else <c>invalid_widget_key</c> or <c>origin_not_allowed</c>.</summary>
    [Alias("Authorize")]
    Task<Result<WidgetKeyBinding>> AuthorizeAsync(string? origin);

    /// <summary><see cref="AuthorizeAsync"/> for a visitor's request: also counts it against <paramref name="visitorAddress"/>'s
    /// share of the key's budget (<c>rate_limited</c> past it; <c>too_many_requests</c> when the key's total is spent).</summary>
    [Alias("AuthorizeVisitor")]
    Task<Result<WidgetKeyBinding>> AuthorizeVisitorAsync(string? origin, string? visitorAddress);

    /// <summary>As <see cref="AuthorizeAsync"/>, but spends nothing of the key's rate budget: an open event stream asks it
    /// every second to end when the key is revoked, rotated out or no longer lists the origin.</summary>
    [Alias("StillAuthorized")]
    Task<Result<WidgetKeyBinding>> StillAuthorizedAsync(string? origin);
}
