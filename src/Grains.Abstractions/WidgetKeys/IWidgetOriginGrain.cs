namespace Bob.Grains.Abstractions.WidgetKeys;

/// <summary>
/// Which live widget keys list one allow-list entry (an exact origin or an <c>https://*.domain</c> wildcard), keyed by
/// that entry. A CORS preflight carries no key header, so it is answered by asking whether any live key allows its origin.
/// </summary>
[Alias("bob.IWidgetOriginGrain")]
public interface IWidgetOriginGrain : IGrainWithStringKey
{
    [Alias("Add")]
    Task AddAsync(string keyValue);

    [Alias("Remove")]
    Task RemoveAsync(string keyValue);

    [Alias("Any")]
    Task<bool> AnyAsync();
}
