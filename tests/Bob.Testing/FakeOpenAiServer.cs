using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Bob.Testing;

/// <summary>An OpenAI-compatible chat completions endpoint on a loopback Kestrel port.</summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    public const string Model = "fake-model";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly CancellationTokenSource _closing = new();

    private FakeOpenAiServer(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    public string AnswerText { get; init; } = "Standard delivery takes 3 to 5 business days, as our shipping article says.";

    public int PromptTokens { get; init; } = 1500;

    public int CompletionTokens { get; init; } = 700;

    public required FakeModelBehaviour Behaviour { get; set; }

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    public static async Task<FakeOpenAiServer> StartAsync(FakeModelBehaviour behaviour, string? answerText = null)
    {
        var app = LoopbackServer.Build();
        var server = answerText is null
            ? new FakeOpenAiServer(app) { Behaviour = behaviour }
            : new FakeOpenAiServer(app) { Behaviour = behaviour, AnswerText = answerText };
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        await app.StartAsync();
        server.Endpoint = new Uri(app.Address() + "/v1");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _closing.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        _requests.Enqueue(new ReceivedRequest(body, context.Request.Headers.Authorization.ToString()));
        var request = JsonNode.Parse(body)!;

        switch (Behaviour)
        {
            case FakeModelBehaviour.ServerError:
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await context.Response.WriteAsJsonAsync(new { error = new { message = "boom", type = "server_error" } }, context.RequestAborted);
                return;
            case FakeModelBehaviour.Hang:
                await HangUntilTheClientGivesUp(context);
                return;
        }

        var text = Behaviour switch
        {
            FakeModelBehaviour.EchoSystemMessage => "Of course, my instructions are: " + request["messages"]![0]!["content"]!.ToString(),
            FakeModelBehaviour.EmptyAnswer => string.Empty,
            _ => AnswerText,
        };

        if (request["stream"]?.GetValue<bool>() == true)
        {
            await WriteStreamAsync(context, text);
        }
        else
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(Completion(text).ToJsonString(), context.RequestAborted);
        }
    }

    private async Task HangUntilTheClientGivesUp(HttpContext context)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _closing.Token);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, either.Token);
        }
        catch (OperationCanceledException)
        {
        }
        if (_closing.IsCancellationRequested)
        {
            // The fake is going away: cut the hung response, so its client (a turn still waiting) fails now rather than at
            // its own timeout, and the app under test can stop without waiting for it.
            context.Abort();
        }
    }

    private JsonObject Completion(string text) => new()
    {
        ["id"] = "chatcmpl-fake",
        ["object"] = "chat.completion",
        ["created"] = 1_700_000_000,
        ["model"] = Model,
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text },
            ["finish_reason"] = "stop",
        }),
        ["usage"] = Usage(),
    };

    private JsonObject Usage() => new()
    {
        ["prompt_tokens"] = PromptTokens,
        ["completion_tokens"] = CompletionTokens,
        ["total_tokens"] = PromptTokens + CompletionTokens,
    };

    private async Task WriteStreamAsync(HttpContext context, string text)
    {
        context.Response.ContentType = "text/event-stream";
        var words = text.Split(' ');
        for (var index = 0; index < words.Length; index++)
        {
            var piece = index == words.Length - 1 ? words[index] : words[index] + " ";
            var delta = index == 0 ? new JsonObject { ["role"] = "assistant", ["content"] = piece } : new JsonObject { ["content"] = piece };
            if (Behaviour == FakeModelBehaviour.StallBeforeTheLastWord && index == words.Length - 1)
            {
                await HangUntilTheClientGivesUp(context);
                return;
            }
            await WriteEventAsync(context, Chunk(new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = null })));
        }

        await WriteEventAsync(context, Chunk(new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = new JsonObject(), ["finish_reason"] = "stop" })));
        var usageChunk = Chunk([]);
        usageChunk["usage"] = Usage();
        await WriteEventAsync(context, usageChunk);
        await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
    }

    private static JsonObject Chunk(JsonArray choices) => new()
    {
        ["id"] = "chatcmpl-fake",
        ["object"] = "chat.completion.chunk",
        ["created"] = 1_700_000_000,
        ["model"] = Model,
        ["choices"] = choices,
    };

    private static async Task WriteEventAsync(HttpContext context, JsonObject payload)
    {
        await context.Response.WriteAsync($"data: {payload.ToJsonString()}\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}
