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

    public static bool IsAllowed(IReadOnlyList<string> allowList, string? origin)
    {
        if (!TryNormalize(origin, out var candidate))
        {
            return false;
        }
        foreach (var entry in allowList)
        {
            if (entry.StartsWith("https://*.", StringComparison.Ordinal))
            {
                var suffix = entry["https://*".Length..]; // ".example.com"
                if (candidate.StartsWith("https://", StringComparison.Ordinal)
                    && candidate.EndsWith(suffix, StringComparison.Ordinal)
                    && candidate.Length > "https://".Length + suffix.Length)
                {
                    return true;
                }
            }
            else if (string.Equals(entry, candidate, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}

public static class OriginEntries
{
    /// <summary>The allow-list entries that would admit <paramref name="origin"/>: itself, and for https every
    /// <c>https://*.parent</c> wildcard of its parent domains (never a bare top-level domain).</summary>
    public static IReadOnlyList<string> Candidates(string origin)
    {
        if (!Origins.TryNormalize(origin, out var normalized))
        {
            return [];
        }
        var candidates = new List<string> { normalized };
        if (!normalized.StartsWith("https://", StringComparison.Ordinal))
        {
            return candidates;
        }
        var authority = normalized["https://".Length..];
        var portAt = authority.LastIndexOf(':');
        var (host, port) = portAt > 0 && !authority.EndsWith(']') ? (authority[..portAt], authority[portAt..]) : (authority, "");
        var labels = host.Split('.');
        for (var i = 1; i < labels.Length - 1; i++)
        {
            candidates.Add($"https://*.{string.Join('.', labels[i..])}{port}");
        }
        return candidates;
    }
}
