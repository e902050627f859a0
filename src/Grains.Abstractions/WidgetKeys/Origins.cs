namespace Bob.Grains.Abstractions.WidgetKeys;

/// <summary>
/// Allow-list entries are exact origins (<c>scheme://host[:port]</c>, http or https) or
/// <c>https://*.example.com</c>, which admits any subdomain of example.com over https (not example.com itself).
/// </summary>
public static class Origins
{
    public const int MaxEntries = 50;

    public static bool TryNormalizeEntry(string? entry, out string normalized)
    {
        normalized = "";
        if (string.IsNullOrWhiteSpace(entry) || entry.Length > 253)
        {
            return false;
        }
        var trimmed = entry.Trim().TrimEnd('/');
        if (trimmed.StartsWith("https://*.", StringComparison.OrdinalIgnoreCase))
        {
            var domain = trimmed["https://*.".Length..];
            if (!TryNormalize("https://" + domain, out var domainOrigin) || !domain.Contains('.', StringComparison.Ordinal) || domainOrigin.Count(c => c == ':') > 1)
            {
                return false;
            }
            normalized = "https://*." + domainOrigin["https://".Length..];
            return true;
        }
        return TryNormalize(trimmed, out normalized);
    }

    /// <summary>Normalizes a browser-style origin; false for anything with a path, query, credentials or another scheme.</summary>
    public static bool TryNormalize(string? origin, out string normalized)
    {
        normalized = "";
        if (string.IsNullOrWhiteSpace(origin)
            || !Uri.TryCreate(origin.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return false;
        }
        normalized = uri.IsDefaultPort ? $"{uri.Scheme}://{uri.IdnHost}" : $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}";
        return true;
    }

    /// <summary>
    /// The one statement of the allow-list rule: an origin is allowed when the list holds one of the entries that would
    /// admit it (<see cref="EntriesAdmitting"/>). The preflight looks the same entries up across every key.
    /// </summary>
    public static bool IsAllowed(IReadOnlyList<string> allowList, string? origin)
    {
        ArgumentNullException.ThrowIfNull(allowList);
        foreach (var entry in EntriesAdmitting(origin))
        {
            if (allowList.Contains(entry, StringComparer.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The allow-list entries that would admit <paramref name="origin"/>: its normalized self first, and for https every
    /// <c>https://*.parent</c> wildcard of its parent domains (never a bare top-level domain). None for a malformed origin.
    /// </summary>
    public static IEnumerable<string> EntriesAdmitting(string? origin)
    {
        if (!TryNormalize(origin, out var normalized))
        {
            yield break;
        }
        yield return normalized;
        if (!normalized.StartsWith("https://", StringComparison.Ordinal))
        {
            yield break;
        }
        var authority = normalized["https://".Length..];
        var portAt = authority.LastIndexOf(':');
        var (host, port) = portAt > 0 && !authority.EndsWith(']') ? (authority[..portAt], authority[portAt..]) : (authority, "");
        var labels = host.Split('.');
        for (var i = 1; i < labels.Length - 1; i++)
        {
            yield return $"https://*.{string.Join('.', labels[i..])}{port}";
        }
    }
}
