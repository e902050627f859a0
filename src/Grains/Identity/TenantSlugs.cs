using System.Text;

namespace Bob.Grains.Identity;

/// <summary>Turns a business name into a tenant id: lowercase ASCII letters, digits and single dashes.</summary>
public static class TenantSlugs
{
    public const int MaxLength = 48;

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "platform", "admin", "api", "www", "app", "widget", "health", "static", "bob", "system",
    };

    public static string FromName(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(c);
            }
            else if (char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark && builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }
        var slug = builder.ToString().Trim('-');
        if (slug.Length > MaxLength)
        {
            slug = slug[..MaxLength].TrimEnd('-');
        }
        return slug.Length == 0 || Reserved.Contains(slug) ? $"{(slug.Length == 0 ? "tenant" : slug)}-1" : slug;
    }

    /// <summary>The n-th candidate when the plain slug is taken: "acme", "acme-2", "acme-3", ...</summary>
    public static string Candidate(string slug, int attempt) => attempt <= 1 ? slug : $"{slug}-{attempt}";
}
