using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Bob.Grains.Abstractions.Conversations;
using Bob.Web.Tests.Chat;

namespace Bob.Web.Tests.Consoles;

/// <summary>
/// The console pages where someone writes a chat message (Knowledge's "Try a question", the Playground, Mission
/// Control's reply) hold it to the server's own limit, <see cref="ChatLimits.MessageMax"/>: the one statement of it.
/// </summary>
public sealed partial class MessageLimitPagesTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    [Fact]
    public async Task Every_message_field_of_the_consoles_takes_the_servers_limit()
    {
        var tenant = await app.SignupAsync();
        var pages = app.Cookie(tenant.Token);
        var turn = await (await app.Bearer(tenant.Token).PostJsonAsync("/api/chat/message", new { message = "Hello from the console" })).OkJsonAsync();
        // Starting a playground conversation answers with its page (the redirect is followed).
        var playground = await pages.PostAsync("/portal/playground", new FormUrlEncodedContent([new("_csrf", tenant.CsrfToken)]));

        foreach (var page in new[] { await pages.GetAsync("/portal/knowledge"), playground, await pages.GetAsync($"/mission-control/{turn["session_id"]!.GetValue<string>()}") })
        {
            var path = page.RequestMessage!.RequestUri!.AbsolutePath;
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var field = MessageField().Match(await page.Content.ReadAsStringAsync());
            Assert.True(field.Success, $"{path} has no message field");
            Assert.Equal(ChatLimits.MessageMax.ToString(CultureInfo.InvariantCulture), field.Groups["max"].Value);
        }
        Assert.StartsWith("/portal/playground/", playground.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
    }

    [GeneratedRegex("""<(?:input|textarea)\b[^>]*\bname="message"[^>]*\bmaxlength="(?<max>\d+)""")]
    private static partial Regex MessageField();
}
