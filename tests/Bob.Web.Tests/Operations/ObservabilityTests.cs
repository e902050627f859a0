using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Bob.Testing;
using Bob.Web.Tests.Chat;
using Bob.Web.Tests.Infrastructure;

namespace Bob.Web.Tests.Operations;

/// <summary>Traces, the Prometheus scrape endpoint and the management port, through a real node on Kestrel.</summary>
[Collection(ObservedNode.Name)]
public sealed partial class ObservabilityTests(ObservedBobWebApp app)
{
    [Fact]
    public async Task A_widget_turn_is_one_trace_from_the_web_node_through_the_silo_to_postgres()
    {
        var tenant = await app.SignupAsync();
        var session = $"trace-{Guid.NewGuid():N}";

        await app.WidgetChatAsync(tenant.WidgetKey, session, "What are your opening hours?");

        var request = await Eventually.ReturnsAsync(
            () => Task.FromResult(app.SpansSnapshot().FirstOrDefault(s => s.Kind == ActivityKind.Server && s.Source.Name == "Microsoft.AspNetCore" && Equals(s.GetTagItem("url.path"), "/api/widget/chat"))),
            s => s is not null);
        Assert.NotNull(request);
        var trace = await Eventually.ReturnsAsync(
            () => Task.FromResult(app.SpansSnapshot().Where(s => s.TraceId == request.TraceId).ToList()),
            spans => spans.Any(s => s.Source.Name == "Npgsql") && spans.Any(s => s.Kind == ActivityKind.Server && s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)));

        var grainCall = trace.FirstOrDefault(s => s.Kind == ActivityKind.Server && s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && s.DisplayName.Contains("ConversationGrain", StringComparison.Ordinal));
        Assert.True(grainCall is not null, "no conversation grain span in the turn's trace: " + Describe(trace));
        Assert.Contains(trace, s => s.Source.Name == "Npgsql" && s.Kind == ActivityKind.Client);
        Assert.Contains(trace, s => s.Source.Name == "Bob" && s.DisplayName == "transcript commit");
        Assert.NotEqual(default, grainCall.ParentSpanId);
    }

    [Fact]
    public async Task The_scrape_endpoint_serves_bob_meters_on_the_management_port_and_nothing_on_the_public_port()
    {
        var tenant = await app.SignupAsync();
        await app.WidgetChatAsync(tenant.WidgetKey, $"scrape-{Guid.NewGuid():N}", "Do you ship abroad?");

        var scrape = await Eventually.ReturnsAsync(ScrapeAsync, text => text.Contains("bob_credits_charged_total", StringComparison.Ordinal));

        Assert.Contains("bob_chat_turns_total{", scrape, StringComparison.Ordinal);
        Assert.Matches("bob_chat_turns_total\\{[^}]*channel=\"widget\"[^}]*outcome=\"(answered|handoff)\"", scrape);
        Assert.Contains("bob_chat_turn_duration_seconds_bucket", scrape, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", scrape, StringComparison.Ordinal);
        Assert.Contains("orleans_", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain(tenant.TenantId, scrape, StringComparison.Ordinal);
        Assert.DoesNotContain(tenant.WidgetKey, scrape, StringComparison.Ordinal);

        using var publicClient = new HttpClient { BaseAddress = app.PublicUrl };
        var onPublic = await publicClient.GetAsync("/metrics");
        await onPublic.AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task A_problem_answer_increments_the_counter_of_its_code()
    {
        string[] series = ["bob_http_problems_total{", "code=\"invalid_widget_key\"", "http_response_status_code=\"401\""];
        var before = CounterValue(await ScrapeAsync(), series);

        using var publicClient = new HttpClient { BaseAddress = app.PublicUrl };
        publicClient.DefaultRequestHeaders.Add("X-Widget-Key", "pk_live_00000000000000000000000000000000");
        publicClient.DefaultRequestHeaders.Add("Origin", ChatApi.ShopOrigin);
        var refused = await publicClient.PostJsonAsync("/api/widget/chat", new { message = "hello" });
        await refused.AssertProblemAsync(401, "invalid_widget_key");

        var after = await Eventually.ReturnsAsync(async () => CounterValue(await ScrapeAsync(), series), value => value >= before + 1);
        Assert.True(after >= before + 1, $"bob_http_problems_total for invalid_widget_key went from {before} to {after}");
    }

    [Fact]
    public async Task The_public_api_does_not_answer_on_the_management_port_but_the_probes_do()
    {
        using var management = new HttpClient { BaseAddress = app.ManagementUrl };

        Assert.Equal(HttpStatusCode.NotFound, (await management.GetAsync("/api/widget/config")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await management.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await management.GetAsync("/health/ready")).StatusCode);
    }

    private async Task<string> ScrapeAsync()
    {
        using var management = new HttpClient { BaseAddress = app.ManagementUrl };
        var response = await management.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The value of the first sample whose line holds every part (name, then labels in any order); 0 when there is none yet.</summary>
    private static double CounterValue(string scrape, string[] parts)
    {
        var line = scrape.Split('\n').FirstOrDefault(l => l.StartsWith(parts[0], StringComparison.Ordinal) && parts.All(p => l.Contains(p, StringComparison.Ordinal)));
        return line is null ? 0 : double.Parse(SampleValue().Match(line).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static string Describe(IEnumerable<Activity> spans) =>
        string.Join("; ", spans.Select(s => $"{s.Source.Name}/{s.Kind}/{s.DisplayName}"));

    [GeneratedRegex(@"\}\s+([0-9.eE+-]+)")]
    private static partial Regex SampleValue();
}
