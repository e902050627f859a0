using Bob.Assistant.Safety;
using Xunit;

namespace Bob.Assistant.Tests;

public sealed class PiiRedactorTests
{
    [Theory]
    [InlineData("my card is 4111 1111 1111 1111 thanks", "my card is [card] thanks")]
    [InlineData("card: 4111-1111-1111-1111.", "card: [card].")]
    [InlineData("5500005555555559", "[card]")]
    [InlineData("amex 378282246310005 ok", "amex [card] ok")]
    public void Card_numbers_that_pass_the_Luhn_check_are_masked(string text, string expected) =>
        Assert.Equal(expected, PiiRedactor.Redact(text));

    [Theory]
    [InlineData("order 1234 5678 9012 3456 please")]
    [InlineData("tracking 1234567890123456")]
    public void A_sixteen_digit_number_failing_the_Luhn_check_is_left_alone(string text) =>
        Assert.Equal(text, PiiRedactor.Redact(text));

    [Theory]
    [InlineData("write to jane.doe+shop@mail.example.co.uk today", "write to [email] today")]
    [InlineData("A@B.io", "[email]")]
    public void Email_addresses_are_masked(string text, string expected) =>
        Assert.Equal(expected, PiiRedactor.Redact(text));

    [Theory]
    [InlineData("call +44 20 7946 0958 now", "call [phone] now")]
    [InlineData("call (415) 555-0123", "call [phone]")]
    [InlineData("+1 (415) 555-0123", "[phone]")]
    [InlineData("ring 4155550123", "ring [phone]")]
    [InlineData("my number is 555-0123", "my number is [phone]")]
    public void Phone_numbers_are_masked(string text, string expected) =>
        Assert.Equal(expected, PiiRedactor.Redact(text));

    [Theory]
    [InlineData("order 1234567 arrived")]
    [InlineData("delivered on 2024-01-15 at 10:30")]
    [InlineData("it costs 1,250 dollars for 3 items")]
    [InlineData("nothing personal here")]
    public void Ordinary_numbers_and_text_stay(string text) =>
        Assert.Equal(text, PiiRedactor.Redact(text));

    [Fact]
    public void Everything_in_one_message_is_masked_at_once() =>
        Assert.Equal("I'm [email], [phone], card [card]",
            PiiRedactor.Redact("I'm sam@example.com, +1 415 555 0123, card 4242 4242 4242 4242"));

    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("4111111111111112", false)]
    [InlineData("79927398713", true)]
    public void Luhn_check(string digits, bool valid) => Assert.Equal(valid, PiiRedactor.PassesLuhn(digits));
}
