using System.Net;
using System.Net.Http.Json;
using Bob.Grains.Abstractions.Conversations;
using Bob.Testing.Webhooks;
using Bob.Web.Tests.Audit;
using Bob.Web.Tests.Chat;
using Microsoft.Extensions.DependencyInjection;

namespace Bob.Web.Tests.Webhooks;

/// <summary>Events from real actions reach a real receiver on loopback, signed, at least once, retried, and logged.</summary>
public sealed class WebhookDeliveryTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    [Fact]
    public async Task A_chat_turn_sends_signed_conversation_and_message_events_with_ids_to_fetch_by()
    {
        var tenant = await app.SignupAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var endpoint = await app.RegisterAsync(tenant, receiver.Url, "conversation.started", "message.created");
        var session = ChatApi.NewSession();

        var reply = await app.WidgetChatAsync(tenant.WidgetKey, session, "Hello, what are your opening hours?");

        var received = await receiver.WaitAsync(r => r.Count >= 3);
        Assert.Equal(3, received.Count);
        Assert.All(received, r => r.AssertSignedWith(endpoint.Secret()));
        var started = Assert.Single(received, r => r.Type == "conversation.started");
        Assert.Equal(session, started.Json["data"]!["session_id"]!.GetValue<string>());
        Assert.Equal("widget", started.Json["data"]!["channel"]!.GetValue<string>());
        var messages = received.Where(r => r.Type == "message.created").Select(r => r.Json["data"]!).ToList();
        Assert.Equal(["visitor", "assistant"], messages.OrderBy(m => m!["seq"]!.GetValue<int>()).Select(m => m!["role"]!.GetValue<string>()));
        var answer = messages.Single(m => m!["role"]!.GetValue<string>() == "assistant")!;
        Assert.Equal(reply["message_id"]!.GetValue<string>(), answer["message_id"]!.GetValue<string>());
        Assert.Equal(reply["reply"]!.GetValue<string>(), answer["text"]!.GetValue<string>());
        Assert.Equal("Hello, what are your opening hours?", messages.Single(m => m!["role"]!.GetValue<string>() == "visitor")!["text"]!.GetValue<string>());
        Assert.Equal(3, received.Select(r => r.Id).Distinct().Count());
        Assert.All(received, r => Assert.NotNull(r.Json["timestamp"]));
    }

    [Fact]
    public async Task A_receiver_that_fails_twice_gets_the_event_three_times_with_one_webhook_id()
    {
        var tenant = await app.SignupAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerNext(500, 500);
        var endpoint = await app.RegisterAsync(tenant, receiver.Url, "persona.updated");
        var owner = app.Bearer(tenant.Token);
        var personaId = (await (await owner.GetAsync("/api/personas")).Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonArray>())![0]!["id"]!.GetValue<string>();

        // An update raises persona.updated (activating the persona that is already active changes nothing and raises nothing).
        (await owner.PutAsJsonAsync($"/api/personas/{personaId}", new { name = "Ada", description = "", tone = "friendly", systemPrompt = "" })).EnsureSuccessStatusCode();

        var received = await receiver.WaitAsync(r => r.Count >= 3);
        Assert.Equal(3, received.Count);
        Assert.Single(received.Select(r => r.Id).Distinct());
        Assert.All(received, r => r.AssertSignedWith(endpoint.Secret()));
        Assert.Equal(personaId, received[0].Json["data"]!["persona_id"]!.GetValue<string>());
        var log = await Eventually.ReturnsAsync(() => app.DeliveriesAsync(tenant, endpoint.Id()), l => l["items"]![0]!["status"]!.GetValue<string>() == "delivered");
        var delivery = Assert.Single(log["items"]!.AsArray())!;
        Assert.Equal(3, delivery["attempt"]!.GetValue<int>());
        Assert.Equal([500, 500, 200], delivery["attempts"]!.AsArray().Select(a => a!["statusCode"]!.GetValue<int>()));
        Assert.NotNull(delivery["attempts"]![0]!["nextRetryAt"]);
        Assert.Null(delivery["nextRetryAt"]);
    }

    [Fact]
    public async Task Distinct_events_never_share_a_webhook_id()
    {
        var tenant = await app.SignupAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        await app.RegisterAsync(tenant, receiver.Url, "message.created");
        var session = ChatApi.NewSession();

        for (var turn = 0; turn < 4; turn++)
        {
            await app.WidgetChatAsync(tenant.WidgetKey, session, $"Question number {turn}?");
        }

        var received = await receiver.WaitAsync(r => r.Count >= 8);
        Assert.Equal(8, received.Count);
        Assert.Equal(8, received.Select(r => r.Id).Distinct().Count());
        Assert.Equal(8, received.Select(r => r.Json["data"]!["message_id"]!.GetValue<string>()).Distinct().Count());
    }

    [Fact]
    public async Task A_410_disables_the_endpoint_and_later_events_are_not_queued_for_it()
    {
        var tenant = await app.SignupAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerAlways(410);
        var endpoint = await app.RegisterAsync(tenant, receiver.Url, "message.created");

        await app.Bearer(tenant.Token).PostAsync($"/api/webhooks/{endpoint.Id()}/test", null);

        var disabled = await Eventually.ReturnsAsync(() => app.EndpointAsync(tenant, endpoint.Id()), e => e["status"]!.GetValue<string>() == "disabled");
        Assert.Equal("gone", disabled["disabledReason"]!.GetValue<string>());
        Assert.NotNull(disabled["disabledAt"]);
        await app.WidgetChatAsync(tenant.WidgetKey, ChatApi.NewSession(), "Anyone there?");
        var log = await app.DeliveriesAsync(tenant, endpoint.Id());
        var only = Assert.Single(log["items"]!.AsArray())!;
        Assert.Equal("failed", only["status"]!.GetValue<string>());
        Assert.Equal(410, only["statusCode"]!.GetValue<int>());
        Assert.Single(receiver.Received);
        var told = Assert.Single(await Eventually.ReturnsAsync(() => app.AuditEntriesAsync(tenant.Token, "action=webhook.disabled"), e => e.Count > 0));
        Assert.Equal(endpoint.Id(), told.TargetId());
        Assert.Equal("system", told.ActorType());
    }

    [Fact]
    public async Task A_503_with_retry_after_is_not_retried_before_the_receiver_asked()
    {
        var tenant = await app.SignupAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerNext(503);
        receiver.RetryAfter = "2";
        var endpoint = await app.RegisterAsync(tenant, receiver.Url, "message.created");

        await app.Bearer(tenant.Token).PostAsync($"/api/webhooks/{endpoint.Id()}/test", null);

        var received = await receiver.WaitAsync(r => r.Count >= 2);
        Assert.True(received[1].ReceivedAt - received[0].ReceivedAt >= TimeSpan.FromSeconds(1.9),
            $"retried after {(received[1].ReceivedAt - received[0].ReceivedAt).TotalMilliseconds} ms despite Retry-After: 2 (the schedule alone says 200 ms)");
        Assert.Equal(received[0].Id, received[1].Id);
    }

    [Fact]
    public async Task Credits_reaching_80_and_100_percent_raise_one_threshold_event_each()
    {
        var tenant = await app.SignupAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var endpoint = await app.RegisterAsync(tenant, receiver.Url, "credits.threshold");
        var meter = app.Services.GetRequiredService<IClusterClient>().GetGrain<ICreditMeterGrain>(tenant.TenantId);
        var balance = await meter.BalanceAsync();
        var included = balance.Used + balance.Remaining;

        const ulong unseen = ulong.MaxValue; // a commit no recount of the log has seen yet

        await meter.SettleAsync(0, (included * 8 / 10) - balance.Used, unseen);
        var eighty = Assert.Single(await receiver.WaitAsync(r => r.Count >= 1));
        await meter.SettleAsync(0, 1, unseen);
        await meter.SettleAsync(0, included, unseen);
        await meter.SettleAsync(0, 1, unseen);

        var received = await receiver.WaitAsync(r => r.Count >= 2);
        Assert.All(received, r => r.AssertSignedWith(endpoint.Secret()));
        Assert.Equal([80, 100], received.Select(r => r.Json["data"]!["threshold_percent"]!.GetValue<int>()).Order());
        Assert.Equal(included, eighty.Json["data"]!["credits_included"]!.GetValue<int>());
        Assert.Equal(included * 8 / 10, eighty.Json["data"]!["credits_used"]!.GetValue<int>());
        var log = await Eventually.ReturnsAsync(() => app.DeliveriesAsync(tenant, endpoint.Id()),
            l => l["items"]!.AsArray().All(d => d!["status"]!.GetValue<string>() == "delivered"));
        Assert.Equal(2, log["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Handoffs_persona_changes_and_key_rotations_raise_their_events()
    {
        var tenant = await app.SignupAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var endpoint = await app.RegisterAsync(tenant, receiver.Url, "handoff.requested", "persona.updated", "widget_key.rotated");
        var owner = app.Bearer(tenant.Token);
        var widget = app.Widget(tenant.WidgetKey);

        var handoff = await (await widget.PostJsonAsync("/api/widget/handoff", new { message = "I need a person" })).OkJsonAsync();
        var personaId = (await (await owner.GetAsync("/api/personas")).Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonArray>())![0]!["id"]!.GetValue<string>();
        await owner.PutAsJsonAsync($"/api/personas/{personaId}", new { name = "Ava", description = "", tone = "formal", systemPrompt = "Be brief." });
        await owner.PostAsync($"/api/widget-keys/{tenant.WidgetKeyId}/rotate", null);

        var received = await receiver.WaitAsync(r => r.Count >= 3);
        Assert.All(received, r => r.AssertSignedWith(endpoint.Secret()));
        var requested = Assert.Single(received, r => r.Type == "handoff.requested").Json["data"]!;
        Assert.Equal(handoff["session_id"]!.GetValue<string>(), requested["session_id"]!.GetValue<string>());
        Assert.Equal("visitor", requested["reason"]!.GetValue<string>());
        Assert.Equal("waiting", requested["status"]!.GetValue<string>());
        var persona = Assert.Single(received, r => r.Type == "persona.updated").Json["data"]!;
        Assert.Equal(personaId, persona["persona_id"]!.GetValue<string>());
        Assert.Equal(2, persona["version"]!.GetValue<int>());
        Assert.Equal("Ava", persona["name"]!.GetValue<string>());
        var rotated = Assert.Single(received, r => r.Type == "widget_key.rotated").Json["data"]!;
        Assert.Equal(tenant.WidgetKeyId, rotated["widget_key_id"]!.GetValue<string>());
        Assert.DoesNotContain(tenant.WidgetKey, received.Single(r => r.Type == "widget_key.rotated").Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_delivery_log_pages_with_a_cursor_and_a_redelivery_keeps_the_webhook_id()
    {
        var tenant = await app.SignupAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var endpoint = await app.RegisterAsync(tenant, receiver.Url, "message.created");
        var owner = app.Bearer(tenant.Token);
        for (var i = 0; i < 3; i++)
        {
            await owner.PostAsync($"/api/webhooks/{endpoint.Id()}/test", null);
        }
        await receiver.WaitAsync(r => r.Count >= 3);

        var first = await app.DeliveriesAsync(tenant, endpoint.Id(), "?limit=2");
        var second = await app.DeliveriesAsync(tenant, endpoint.Id(), $"?limit=2&cursor={first["nextCursor"]!.GetValue<string>()}");
        var oldest = second["items"]![0]!;
        var redelivered = await (await owner.PostAsync($"/api/webhooks/{endpoint.Id()}/deliveries/{oldest["id"]!.GetValue<string>()}/redeliver", null))
            .OkJsonAsync(HttpStatusCode.Accepted);

        Assert.Equal(2, first["items"]!.AsArray().Count);
        Assert.Single(second["items"]!.AsArray());
        Assert.Null(second["nextCursor"]);
        Assert.Equal(3, first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(d => d!["id"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal("pending", redelivered["status"]!.GetValue<string>());
        var again = await receiver.WaitAsync(r => r.Count >= 4);
        Assert.Equal(2, again.Count(r => r.Id == oldest["eventId"]!.GetValue<string>()));
        var log = await Eventually.ReturnsAsync(() => app.DeliveriesAsync(tenant, endpoint.Id(), "?limit=100"),
            l => l["items"]!.AsArray().Single(d => d!["id"]!.GetValue<string>() == oldest["id"]!.GetValue<string>())!["attempt"]!.GetValue<int>() == 2);
        Assert.Equal("delivered", log["items"]!.AsArray().Single(d => d!["id"]!.GetValue<string>() == oldest["id"]!.GetValue<string>())!["status"]!.GetValue<string>());

        await (await owner.GetAsync($"/api/webhooks/{endpoint.Id()}/deliveries?cursor=not-a-cursor")).AssertProblemAsync(400, "validation_failed");
        await (await owner.GetAsync($"/api/webhooks/{endpoint.Id()}/deliveries?limit=0")).AssertProblemAsync(400, "validation_failed");
        await (await owner.GetAsync($"/api/webhooks/{endpoint.Id()}/deliveries?limit=101")).AssertProblemAsync(400, "validation_failed");
        await (await owner.PostAsync($"/api/webhooks/{endpoint.Id()}/deliveries/dlv_unknown/redeliver", null)).AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task A_hanging_receiver_does_not_hold_up_chat_and_its_events_wait_for_it()
    {
        var tenant = await app.SignupAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Hang();
        var endpoint = await app.RegisterAsync(tenant, receiver.Url, "message.created");
        var session = ChatApi.NewSession();
        await app.WidgetChatAsync(tenant.WidgetKey, session, "First question?");
        await receiver.WaitAsync(r => r.Count >= 1);

        // Every turn completes while the receiver holds its requests open.
        for (var turn = 0; turn < 10; turn++)
        {
            var reply = await app.WidgetChatAsync(tenant.WidgetKey, session, $"Question {turn}?");
            Assert.False(string.IsNullOrEmpty(reply["message_id"]!.GetValue<string>()));
        }

        // 11 turns, two messages each: every event is queued and waits for the receiver.
        var log = await Eventually.ReturnsAsync(() => app.DeliveriesAsync(tenant, endpoint.Id(), "?limit=100"), l => l["items"]!.AsArray().Count == 22);
        Assert.Equal(22, log["items"]!.AsArray().Count);
        Assert.All(log["items"]!.AsArray(), d => Assert.Equal("pending", d!["status"]!.GetValue<string>()));
        receiver.Release();
        await Eventually.ReturnsAsync(() => app.DeliveriesAsync(tenant, endpoint.Id(), "?limit=100"),
            l => l["items"]!.AsArray().All(d => d!["status"]!.GetValue<string>() == "delivered"), TimeSpan.FromSeconds(60));
        var delivered = await app.DeliveriesAsync(tenant, endpoint.Id(), "?limit=100");
        Assert.All(delivered["items"]!.AsArray(), d => Assert.Equal("delivered", d!["status"]!.GetValue<string>()));
        Assert.Equal(22, receiver.Received.Select(r => r.Id).Distinct().Count());
    }
}
