using System.Net;
using System.Net.Http.Json;
using Bob.Testing;
using Bob.Web.Runtime;
using Bob.Web.Tests.Chat;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Bob.Web.Tests.Hosting;

/// <summary>
/// The SSE guard over real HTTP, on its own: a streamed turn that already sent events and then gets nothing more while
/// the cluster moves on from a lost silo ends with an <c>error</c> event (<c>service_unavailable</c>, so the widget retries
/// with the same client_message_id) instead of hanging until Orleans' 30 s timeout. The silo loss is signalled by a fake
/// <see cref="ISiloLossSignal"/>; the stall is a hosted model (faked at its HTTP boundary) that stops before its last word.
/// </summary>
public sealed class StreamGuardOverHttpTests(StreamGuardOverHttpTests.StallingModelApp app) : IClassFixture<StreamGuardOverHttpTests.StallingModelApp>
{
    [Fact]
    public async Task A_stream_that_stalls_after_its_first_event_while_the_cluster_moves_on_ends_with_a_service_unavailable_error()
    {
        var tenant = await app.SignupAsync();
        Assert.Equal(HttpStatusCode.OK, (await app.Bearer(tenant.Token).PatchAsJsonAsync("/api/tenant/settings", new { assistantEngine = "hosted" })).StatusCode);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/widget/chat")
        {
            Content = ApiClient.RawJson(System.Text.Json.JsonSerializer.Serialize(new { session_id = ChatApi.NewSession(), message = "When does my parcel arrive?", client_message_id = "guarded-1" })),
        };
        request.Headers.Add("X-Widget-Key", tenant.WidgetKey);
        request.Headers.Add("Origin", ChatApi.ShopOrigin);
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await app.CreateClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var events = new List<SseEvent>();
        await foreach (var item in response.ReadEventsAsync(deadline.Token))
        {
            events.Add(item);
            if (events.Count == 1)
            {
                app.Signal.MoveOn();
            }
        }

        Assert.Equal("delta", events[0].Event);
        Assert.Equal("error", events[^1].Event);
        Assert.Equal("service_unavailable", events[^1].Json["code"]!.GetValue<string>());
        Assert.DoesNotContain(events, e => e.Event == "done");
    }

    public sealed class StallingModelApp : BobWebApp
    {
        public FakeOpenAiServer Model { get; private set; } = null!;

        public MovedOnSignal Signal { get; } = new();

        protected override async Task BeforeStartAsync() =>
            Model = await FakeOpenAiServer.StartAsync(FakeModelBehaviour.StallBeforeTheLastWord,
                "Parcels leave our warehouse the same day and usually arrive within two to three business days, tracked all the way to your door, and we will email you the moment yours is out for delivery.");

        // The model's timeout is far beyond the test's deadline: only the guard can end the stream in time.
        protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
        {
            ["Bob:Assistant:Hosted:Endpoint"] = Model.Endpoint.ToString(),
            ["Bob:Assistant:Hosted:Model"] = FakeOpenAiServer.Model,
            ["Bob:Assistant:Hosted:ApiKey"] = "sk-test",
            ["Bob:Assistant:Hosted:Timeout"] = "00:02:00",
            ["Bob:Assistant:Hosted:MaxRetries"] = "0",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ISiloLossSignal>(Signal));
        }

        // The model first: the turn still waiting on its stalled stream (the reader left, the turn runs on) fails at once,
        // so the app's silo stops without waiting out that turn.
        public override async ValueTask DisposeAsync()
        {
            await Model.DisposeAsync();
            await base.DisposeAsync();
            GC.SuppressFinalize(this);
        }
    }

    /// <summary>A silo loss the cluster has moved on from, from the moment it is signalled (as one under way is).</summary>
    public sealed class MovedOnSignal : ISiloLossSignal
    {
        private readonly TaskCompletionSource<bool> _movedOn = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<bool> NextSettlement => _movedOn.Task;

        public void MoveOn() => _movedOn.TrySetResult(true);
    }
}
