using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Abstractions.WidgetKeys;

/// <summary>
/// One public widget key, keyed by the key itself (<c>pk_live_…</c>), because a widget call carries nothing else.
/// Single activation; web nodes admit requests on the passes it hands out (<see cref="TakePassAsync"/>), and a revoke or
/// a new binding answers only once those passes have run out, so it is refused on every node from the next call on.
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

    /// <summary><see cref="AuthorizeAsync"/> for a visitor's request, as a pass: takes up to <paramref name="wanted"/>
    /// requests (at least the asking one) from <paramref name="visitorAddress"/>'s share of the key's budget and from its
    /// total, fewer as either runs low (<c>rate_limited</c> when the address's share is spent; <c>too_many_requests</c>
    /// when the key's total is). <paramref name="unused"/> gives back what the node's previous pass did not use.</summary>
    [Alias("TakePass")]
    Task<WidgetKeyPass> TakePassAsync(string? origin, string? visitorAddress, int wanted, UnusedAdmits? unused);

    /// <summary>As <see cref="AuthorizeAsync"/>, but spends nothing of the key's rate budget: an open event stream asks it
    /// every second to end when the key is revoked, rotated out or no longer lists the origin.</summary>
    [Alias("StillAuthorized")]
    Task<Result<WidgetKeyBinding>> StillAuthorizedAsync(string? origin);
}
