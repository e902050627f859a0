using Bob.Grains.Abstractions.WidgetKeys;

namespace Bob.Grains.Tests.WidgetKeys;

/// <summary>The allow-list rule, stated once: a key's check and the preflight's entry lookup admit exactly the same origins.</summary>
public sealed class OriginRuleTests
{
    public static TheoryData<string, string, bool> Cases => new()
    {
        { "https://shop.example.com", "https://shop.example.com", true },
        { "https://shop.example.com", "https://SHOP.example.com/", true },
        { "https://shop.example.com", "http://shop.example.com", false },
        { "https://shop.example.com", "https://shop.example.com:8443", false },
        { "http://localhost:5173", "http://localhost:5173", true },
        { "https://*.example.com", "https://a.example.com", true },
        { "https://*.example.com", "https://a.b.example.com", true },
        { "https://*.example.com", "https://example.com", false },
        { "https://*.example.com", "http://a.example.com", false },
        { "https://*.example.com", "https://a.example.com:8443", false },
        { "https://*.example.com", "https://evilexample.com", false },
        { "https://*.example.com", "https://a.example.com.evil.io", false },
        { "https://*.co.uk", "https://shop.co.uk", true },
        { "https://[::1]:8443", "https://[::1]:8443", true },
        { "https://*.example.com", "https://[::1]:8443", false },
        { "https://shop.example.com", "null", false },
        { "https://shop.example.com", "https://shop.example.com/path", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_origin_is_allowed_exactly_when_the_entries_that_admit_it_include_the_list_s_entry(string entry, string origin, bool allowed)
    {
        Assert.True(Origins.TryNormalizeEntry(entry, out var normalized), $"{entry} is a valid entry");

        Assert.Equal(allowed, Origins.IsAllowed([normalized], origin));
        Assert.Equal(allowed, Origins.EntriesAdmitting(origin).Contains(normalized));
    }

    [Fact]
    public void The_exact_origin_comes_first_and_no_bare_top_level_domain_is_a_candidate()
    {
        Assert.Equal(["https://a.b.example.com", "https://*.b.example.com", "https://*.example.com"], Origins.EntriesAdmitting("https://a.b.example.com"));
        Assert.Equal(["http://a.example.com"], Origins.EntriesAdmitting("http://a.example.com"));
        Assert.Empty(Origins.EntriesAdmitting("ftp://a.example.com"));
    }
}
