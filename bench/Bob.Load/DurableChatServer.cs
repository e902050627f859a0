using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;
using static Bob.Load.BarePostServer;

namespace Bob.Load;

/// <summary>
/// The simplest durable chat endpoint (issue 19's yardstick): a minimal API taking the chat's JSON and, per request, in one
/// round trip and one implicit transaction, inserting the visitor's line and the reply as two message rows and upserting
/// the conversation's summary row, committed (durable PostgreSQL, synchronous_commit on) before it answers. No grain,
/// engine, metering or policy. Npgsql data source with auto-prepare, no reset on close, a pool of 64.
/// </summary>
public sealed class DurableChatServer : IAsyncDisposable
{
    private const string Reply = "We ship worldwide within 3 business days.";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS yardstick_messages (
            id              bigserial PRIMARY KEY,
            conversation_id text        NOT NULL,
            role            smallint    NOT NULL,
            body            text        NOT NULL,
            created_at      timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX IF NOT EXISTS yardstick_messages_by_conversation ON yardstick_messages (conversation_id, id);
        CREATE TABLE IF NOT EXISTS yardstick_conversations (
            conversation_id text PRIMARY KEY,
            last_message    text        NOT NULL,
            message_count   integer     NOT NULL,
            updated_at      timestamptz NOT NULL
        );
        """;

    private readonly WebApplication _app;
    private readonly NpgsqlDataSource _dataSource;

    private DurableChatServer(WebApplication app, NpgsqlDataSource dataSource)
    {
        _app = app;
        _dataSource = dataSource;
    }

    public Uri Url { get; private set; } = null!;

    public static async Task<DurableChatServer> StartAsync(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (settings.Host is not { } host || !(host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address))))
        {
            throw new ArgumentException("The durable endpoint's database must be on loopback (127.0.0.0/8, ::1 or localhost).");
        }
        settings = new NpgsqlConnectionStringBuilder(settings.ConnectionString)
        {
            MaxPoolSize = 64,
            MaxAutoPrepare = 8,
            AutoPrepareMinUsages = 2,
            NoResetOnClose = true,
        };
        var dataSource = NpgsqlDataSource.Create(settings.ConnectionString);
        await using (var create = dataSource.CreateCommand(Schema))
        {
            await create.ExecuteNonQueryAsync();
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/api/widget/chat", async (BareChat body) =>
        {
            var conversation = body.SessionId ?? $"ses_{Guid.NewGuid():N}";
            await StoreTurnAsync(dataSource, conversation, body.Message ?? "");
            return Results.Json(new BareReply(conversation, "msg_durable", Reply, new BarePersona("per_durable", "Assistant"),
                [new BareCitation("kb_durable", "Shipping")], false, new BareCredits(1, 99), "assistant"));
        });
        await app.StartAsync();
        return new DurableChatServer(app, dataSource) { Url = new Uri(app.Urls.First()) };
    }

    /// <summary>Three statements behind one Sync: PostgreSQL runs them as one implicit transaction, committed at the Sync.</summary>
    private static async Task StoreTurnAsync(NpgsqlDataSource dataSource, string conversation, string message)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command("INSERT INTO yardstick_messages (conversation_id, role, body) VALUES ($1, 0, $2)", conversation, message),
                Command("INSERT INTO yardstick_messages (conversation_id, role, body) VALUES ($1, 1, $2)", conversation, Reply),
                Command("""
                    INSERT INTO yardstick_conversations (conversation_id, last_message, message_count, updated_at) VALUES ($1, $2, 2, now())
                    ON CONFLICT (conversation_id) DO UPDATE
                    SET last_message = EXCLUDED.last_message, message_count = yardstick_conversations.message_count + 2, updated_at = now()
                    """, conversation, Reply),
            },
        };
        await batch.ExecuteNonQueryAsync();
    }

    private static NpgsqlBatchCommand Command(string sql, string first, string second) =>
        new(sql) { Parameters = { new() { Value = first }, new() { Value = second } } };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _dataSource.DisposeAsync();
    }
}
