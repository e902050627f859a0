using System.Collections.Concurrent;
using Bob.Web.Tests.Chat;

namespace Bob.Web.Tests.Governance;

/// <summary>
/// Every form of personal data the redactor is meant to catch, and the look-alikes it deliberately leaves (with why), each
/// typed into a new business's widget (redaction is on by default) and read back from Mission Control's transcript.
/// </summary>
public sealed class PiiFormsTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    private static readonly ConcurrentDictionary<BobWebApp, Task<TestTenant>> Tenants = new();

    /// <summary>What the visitor types, what is stored, and why.</summary>
    public static TheoryData<string, string, string> Forms => new()
    {
        { "mail sam@example.com now", "mail [email] now", "ASCII email" },
        { "write to jane.doe+shop@mail.example.co.uk.", "write to [email].", "plus addressing, subdomains; the sentence's dot stays" },
        { "ich bin jörg@exämple.de", "ich bin [email]", "internationalized local part and domain" },
        { "zoë@example.com", "[email]", "accented local part" },
        { "пишите иван@пример.рф", "пишите [email]", "Cyrillic address and top-level domain" },
        { "call +44 20 7946 0958 now", "call [phone] now", "international phone" },
        { "call (415) 555-0123", "call [phone]", "US phone with area code in brackets" },
        { "ring 415.555.0123", "ring [phone]", "phone with dots" },
        { "ring 4155550123", "ring [phone]", "ten digits without separators" },
        { "my number is 555-0123", "my number is [phone]", "local phone shape" },
        { "card 4111 1111 1111 1111 ok", "card [card] ok", "card with spaces" },
        { "card 4111-1111-1111-1111 ok", "card [card] ok", "card with dashes" },
        { "card 4111.1111.1111.1111 ok", "card [card] ok", "card with dots" },
        { "card 4111\u00A01111\u00A01111\u00A01111 ok", "card [card] ok", "card with no-break spaces (pasted from a page)" },
        { "card 4111  1111  1111  1111 ok", "card [card] ok", "card with double spaces" },
        { "card ４１１１ １１１１ １１１１ １１１１ ok", "card [card] ok", "card in fullwidth digits (CJK input methods)" },
        { "card ４１１１１１１１１１１１１１１１ ok", "card [card] ok", "fullwidth digits without separators" },
        { "card 5500005555555559 ok", "card [card] ok", "card without separators" },
        { "amex 3782 822463 10005 ok", "amex [card] ok", "American Express 4-6-5 grouping" },
        { "order 1234 5678 9012 3456 please", "order 1234 5678 9012 3456 please", "not masked: fails the Luhn check, so an order or tracking number" },
        { "tracking 1234567890123456", "tracking 1234567890123456", "not masked: sixteen digits failing the Luhn check" },
        { "order 1234567 arrived", "order 1234567 arrived", "not masked: seven bare digits are an order number, not a phone" },
        { "order #88231 of 2024-01-15 at 10:30", "order #88231 of 2024-01-15 at 10:30", "not masked: order numbers, dates and times" },
        { "it costs 1,250 dollars", "it costs 1,250 dollars", "not masked: prices" },
        { "sam at example dot com", "sam at example dot com", "not masked: spelled-out addresses (the forms are endless and would catch ordinary prose)" },
        { "card ٤١١١ ١١١١ ١١١١ ١١١١", "card ٤١١١ ١١١١ ١١١١ ١١١١", "not masked: Arabic-Indic digits (no card form uses them; only ASCII and fullwidth are read)" },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task Each_form_is_masked_or_deliberately_kept(string typed, string stored, string form)
    {
        var tenant = await Tenants.GetOrAdd(app, a => a.SignupAsync());
        var session = ChatApi.NewSession();

        await app.WidgetChatAsync(tenant.WidgetKey, session, typed);

        var visitorText = (await app.TurnsAsync(tenant, session)).First().Text;
        Assert.True(stored == visitorText, $"{form}: typed '{typed}', stored '{visitorText}', expected '{stored}'");
    }

    [Fact]
    public async Task A_new_business_redacts_without_touching_governance_and_one_that_turned_it_off_keeps_its_choice()
    {
        var fresh = await app.SignupAsync();
        var optedOut = await app.SignupAsync();
        await app.PutGovernanceAsync(optedOut, GovernanceApi.Document(piiRedaction: false));
        var freshSession = ChatApi.NewSession();
        var optedOutSession = ChatApi.NewSession();

        await app.WidgetChatAsync(fresh.WidgetKey, freshSession, "reach me at jörg@exämple.de");
        await app.WidgetChatAsync(optedOut.WidgetKey, optedOutSession, "reach me at jörg@exämple.de");

        Assert.Equal("reach me at [email]", (await app.TurnsAsync(fresh, freshSession)).First().Text);
        Assert.Equal("reach me at jörg@exämple.de", (await app.TurnsAsync(optedOut, optedOutSession)).First().Text);
        Assert.False((await app.GovernanceAsync(optedOut))["piiRedaction"]!.GetValue<bool>());
    }
}
