namespace Bob.Web.Tests.Chat;

/// <summary>An open event stream that has said <c>ready</c>, read event by event until it ends or its deadline passes.</summary>
public sealed class LiveStream : IAsyncDisposable
{
    private readonly CancellationTokenSource _deadline = new(TimeSpan.FromSeconds(30));
    private readonly HttpResponseMessage _response;
    private readonly IAsyncEnumerator<SseEvent> _events;

    private LiveStream(HttpResponseMessage response)
    {
        _response = response;
        _events = response.ReadEventsAsync(_deadline.Token).GetAsyncEnumerator(_deadline.Token);
    }

    public static async Task<LiveStream> OpenAsync(HttpClient client, string path)
    {
        var stream = new LiveStream(await client.OpenStreamAsync(path, CancellationToken.None));
        await stream._events.NextMatchingAsync(e => e.Event == "ready");
        return stream;
    }

    /// <summary>The next event that matches, skipping pings and other messages.</summary>
    public Task<SseEvent> NextAsync(Func<SseEvent, bool> match) => _events.NextMatchingAsync(match);

    /// <summary>Reads on until the server ends the stream (failing on the deadline) and returns the last event it sent.</summary>
    public async Task<SseEvent?> EndAsync()
    {
        SseEvent? last = null;
        while (await _events.MoveNextAsync())
        {
            last = _events.Current;
        }
        return last;
    }

    /// <summary>Reads on until the server ends the stream; asserts it ended with an <c>error</c> event carrying <paramref name="code"/>.</summary>
    public async Task AssertEndsWithAsync(string code)
    {
        var last = await EndAsync();
        Assert.NotNull(last);
        Assert.Equal("error", last.Event);
        Assert.Equal(code, last.Json["code"]!.GetValue<string>());
    }

    public async ValueTask DisposeAsync()
    {
        await _deadline.CancelAsync();
        try
        {
            await _events.DisposeAsync();
        }
        catch (OperationCanceledException)
        {
            // closed by us
        }
        _response.Dispose();
        _deadline.Dispose();
    }
}
