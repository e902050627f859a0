using Bob.Grains.Abstractions.Webhooks;

namespace Bob.Grains.Webhooks;

/// <summary>What a webhook URL must look like before its host is even resolved: absolute https (http only where private
/// networks are allowed), no credentials, no fragment, at most <see cref="WebhookRules.UrlMax"/> characters.</summary>
public static class WebhookUrls
{
    /// <returns>The normalized URL, or null with <paramref name="problem"/> set.</returns>
    public static Uri? Parse(string? url, bool allowHttp, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(url))
        {
            problem = "url is required.";
            return null;
        }
        if (url.Length > WebhookRules.UrlMax)
        {
            problem = $"url must be at most {WebhookRules.UrlMax} characters.";
            return null;
        }
        if (url.Any(char.IsControl) || url.Any(char.IsWhiteSpace))
        {
            problem = "url must not contain spaces or control characters.";
            return null;
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            problem = "url must be an absolute URL.";
            return null;
        }
        if (uri.Scheme != Uri.UriSchemeHttps && !(allowHttp && uri.Scheme == Uri.UriSchemeHttp))
        {
            problem = allowHttp ? "url must use https or http." : "url must use https.";
            return null;
        }
        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            problem = "url must not carry credentials or a fragment.";
            return null;
        }
        return uri;
    }

    /// <summary>The form stored and compared for duplicates: scheme and host lower-cased, default port dropped.</summary>
    public static string Normalize(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.Fragment, UriFormat.UriEscaped);
    }
}
