using Bob.Testing.Webhooks;
using Bob.Web.Tests.Chat;

namespace Bob.Web.Tests.Webhooks;

/// <summary><c>feedback.created</c> reaches a real receiver on loopback, signed like every event, once per rating in force:
/// repeating the same rating raises nothing, changing it raises a new event.</summary>
public sealed class FeedbackWebhookTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    [Fact]
    public async Task A_rating_sends_feedback_created_once_and_a_changed_rating_sends_another()
    {
        var tenant = await app.SignupAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var endpoint = await app.RegisterAsync(tenant, receiver.Url, "feedback.created");
        var widget = app.Widget(tenant.WidgetKey);
        var reply = await (await widget.PostJsonAsync("/api/widget/chat", new { message = "Do you ship abroad?" })).OkJsonAsync();
        var rate = new { session_id = reply["session_id"]!.GetValue<string>(), message_id = reply["message_id"]!.GetValue<string>(), visitor_token = reply["visitor_token"]!.GetValue<string>() };

        await (await widget.PostJsonAsync("/api/widget/feedback", new { rate.session_id, rate.message_id, rate.visitor_token, rating = "up" })).OkJsonAsync();
        await (await widget.PostJsonAsync("/api/widget/feedback", new { rate.session_id, rate.message_id, rate.visitor_token, rating = "up" })).OkJsonAsync();
        var first = await receiver.WaitAsync(r => r.Count >= 1);
        await (await widget.PostJsonAsync("/api/widget/feedback", new { rate.session_id, rate.message_id, rate.visitor_token, rating = "down", comment = "Not what I asked" })).OkJsonAsync();
        var received = await receiver.WaitAsync(r => r.Count >= 2);

        Assert.Single(first);
        Assert.Equal(2, received.Count);
        Assert.All(received, r => r.AssertSignedWith(endpoint.Secret()));
        Assert.All(received, r => Assert.Equal("feedback.created", r.Type));
        var up = received[0].Json["data"]!;
        var down = received[1].Json["data"]!;
        Assert.Equal(rate.session_id, up["session_id"]!.GetValue<string>());
        Assert.Equal(rate.message_id, up["message_id"]!.GetValue<string>());
        Assert.Equal("up", up["rating"]!.GetValue<string>());
        Assert.Null(up["comment"]);
        Assert.Equal("down", down["rating"]!.GetValue<string>());
        Assert.Equal("Not what I asked", down["comment"]!.GetValue<string>());
        Assert.NotEqual(received[0].Id, received[1].Id);
    }
}
