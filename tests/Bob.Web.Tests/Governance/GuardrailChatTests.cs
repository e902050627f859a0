using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using Bob.Web.Tests.Chat;

namespace Bob.Web.Tests.Governance;

/// <summary>Blocked topics are refused politely without a model or a credit, and counted; a handoff keyword hands the conversation to a human.</summary>
[Collection(GuardrailsCollection.Name)]
public sealed class GuardrailChatTests(GuardrailsApp app)
{
    [Fact]
    public async Task A_blocked_topic_is_refused_politely_never_sent_to_the_model_not_charged_and_counted()
    {
        var tenant = await HostedTenantAsync(GovernanceApi.Document(blockedTopics: ["politics", "competitor prices"]));
        var session = $"blocked-{Guid.NewGuid():N}";
        var answered = await app.WidgetChatAsync(tenant.WidgetKey, session, "When does my parcel arrive?");
        var requests = app.Model.Requests.Count;
        using var counted = new GuardrailCounter();

        var refused = await app.WidgetChatAsync(tenant.WidgetKey, session, "What do you think about Politics these days?");

        Assert.Equal(requests, app.Model.Requests.Count);
        Assert.Equal(answered["credits"]!["used"]!.GetValue<int>(), refused["credits"]!["used"]!.GetValue<int>());
        Assert.False(refused["handoff"]!.GetValue<bool>());
        Assert.Empty(refused["citations"]!.AsArray());
        Assert.DoesNotContain("hosted model", refused["reply"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(refused["reply"]!.GetValue<string>()));
        Assert.True(counted.Of("blocked_topic") >= 1);
        Assert.Equal(["visitor", "assistant", "visitor", "assistant"], (await app.TurnsAsync(tenant, session)).Select(t => t.Role));
    }

    [Fact]
    public async Task A_message_without_a_blocked_topic_still_reaches_the_model()
    {
        var tenant = await HostedTenantAsync(GovernanceApi.Document(blockedTopics: ["politics"]));
        var requests = app.Model.Requests.Count;

        var reply = await app.WidgetChatAsync(tenant.WidgetKey, $"blocked-{Guid.NewGuid():N}", "When does my parcel arrive?");

        Assert.Equal("Our hosted model says: parcels arrive in 2 days.", reply["reply"]!.GetValue<string>());
        Assert.Equal(requests + 1, app.Model.Requests.Count);
    }

    [Fact]
    public async Task A_handoff_keyword_hands_the_conversation_to_a_human_like_talk_to_a_human()
    {
        var tenant = await HostedTenantAsync(GovernanceApi.Document(handoffKeywords: ["refund"]));
        var session = $"keyword-{Guid.NewGuid():N}";
        var requests = app.Model.Requests.Count;
        using var counted = new GuardrailCounter();

        var handed = await app.WidgetChatAsync(tenant.WidgetKey, session, "I would like a refund for my order");
        var later = await app.WidgetChatAsync(tenant.WidgetKey, session, "Hello? Anyone there?");

        Assert.True(handed["handoff"]!.GetValue<bool>());
        Assert.Equal("waiting", handed["status"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(handed["visitor_token"]?.GetValue<string>()));
        Assert.Equal("", later["reply"]!.GetValue<string>());
        Assert.Equal(requests, app.Model.Requests.Count);
        Assert.True(counted.Of("handoff_keyword") >= 1);
        Assert.Equal(["visitor", "system", "visitor"], (await app.TurnsAsync(tenant, session)).Select(t => t.Role));
        Assert.Contains(session, ChatApi.SessionIds(await app.SessionsAsync(tenant, "?status=waiting")));
    }

    private async Task<TestTenant> HostedTenantAsync(object governance)
    {
        var tenant = await app.SignupAsync();
        Assert.Equal(200, (int)(await app.Bearer(tenant.Token).PatchAsJsonAsync("/api/tenant/settings", new { assistantEngine = "hosted" })).StatusCode);
        await app.PutGovernanceAsync(tenant, governance);
        return tenant;
    }

    /// <summary>Listens to <c>bob.guardrails.triggered</c> (the silo is co-hosted in this process).</summary>
    private sealed class GuardrailCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _counts = [];

        public GuardrailCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Bob" && instrument.Name == "bob.guardrails.triggered")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "guardrail" && tag.Value is string guardrail)
                    {
                        lock (_counts)
                        {
                            _counts[guardrail] = _counts.GetValueOrDefault(guardrail) + value;
                        }
                    }
                }
            });
            _listener.Start();
        }

        public long Of(string guardrail)
        {
            lock (_counts)
            {
                return _counts.GetValueOrDefault(guardrail);
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
