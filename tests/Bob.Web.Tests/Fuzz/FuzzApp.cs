using System.Net.Http.Json;
using Bob.Grains.Abstractions.Audit;
using Bob.Web.Tests.Chat;
using Bob.Web.Tests.Infrastructure;
using Npgsql;

namespace Bob.Web.Tests.Fuzz;

/// <summary>
/// A node for the fuzzer, on real Kestrel: cheap password hashing and no rate limits (so hundreds of auth and chat calls cost nothing and
/// never 429 for volume), plus a world to aim at — a tenant with a persona, an article, two widget keys, an agent and
/// conversations, and a platform admin — whose ids fill route values so requests reach the handlers.
/// </summary>
public sealed class FuzzApp : BobWebApp
{
    private FuzzWorld? _world;

    /// <summary>Real Kestrel on loopback: its own request-line and header checks are part of what is fuzzed, and the
    /// in-memory test server would refuse some inputs (a NUL in a path) on the client side before sending them.</summary>
    protected override bool OnKestrel => true;

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["Bob:Auth:PasswordIterations"] = "1000",
        ["Bob:RateLimits:ChatPerMinutePerIp"] = "100000000",
        ["Bob:RateLimits:WidgetKeyPerMinute"] = "100000000",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Bob"] = "Error",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Critical",
        ["Logging:LogLevel:Orleans"] = "Error",
    };

    public async Task<FuzzWorld> WorldAsync()
    {
        if (_world is not null)
        {
            return _world;
        }
        var tenant = await this.SignupAsync(businessName: "Fuzz Target");
        var owner = this.Bearer(tenant.Token);
        async Task<string> CreateAsync(string path, object body) =>
            (await (await owner.PostAsJsonAsync(path, body)).OkJsonAsync(System.Net.HttpStatusCode.Created))["id"]!.GetValue<string>();
        var managedKey = await CreateAsync("/api/widget-keys", new { name = "Managed", allowedOrigins = new[] { "https://managed.example.com" } });
        var persona = await CreateAsync("/api/personas", new { name = "Fuzzy", tone = "friendly" });
        var article = await CreateAsync("/api/knowledge", new { title = "Kettles", content = "Our kettles boil water in two minutes.", tags = new[] { "kettle" } });
        var widgetSession = (await this.WidgetChatAsync(tenant.WidgetKey, ChatApi.NewSession(), "hello"))["session_id"]!.GetValue<string>();
        var consoleSession = (await (await owner.PostAsJsonAsync("/api/chat/session", new { title = "Console" })).OkJsonAsync(System.Net.HttpStatusCode.Created))["session_id"]!.GetValue<string>();
        var agent = (await this.AddMemberAsync(tenant, "agent"))["user"]!["id"]!.GetValue<string>();
        var admin = (await this.LoginAsync(AdminEmail, AdminPassword))["token"]!.GetValue<string>();
        _world = new FuzzWorld(tenant, admin, managedKey, persona, article, widgetSession, consoleSession, agent);
        return _world;
    }

    /// <summary>
    /// What the database holds, cheaply: per table (all but Orleans' own clustering, reminders and query tables), the row
    /// count and the newest row version (xmin). Any insert, update or delete changes it, except the audit entry a
    /// refused login leaves by design (the audit log records failed logins).
    /// </summary>
    public async Task<string> FingerprintAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        if (_fingerprintSql is null)
        {
            var tables = new List<string>();
            await using (var list = new NpgsqlCommand(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' " +
                "AND table_name NOT IN ('orleansquery', 'orleans_membership', 'orleans_membership_version', 'orleans_reminders', 'bob_schema_migrations', 'bob_audit') ORDER BY 1",
                connection))
            await using (var reader = await list.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }
            _fingerprintSql = "SELECT " + string.Join(" || ' ' || ", tables.Select(t =>
                $"(SELECT '{t}:' || count(*) || ':' || COALESCE(max(xmin::text::bigint), 0) FROM \"{t}\")")
                .Append($"(SELECT 'bob_audit:' || count(*) FROM bob_audit WHERE action <> '{AuditActions.LoginFailed}')"));
        }
        await using var command = new NpgsqlCommand(_fingerprintSql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private string? _fingerprintSql;
}

/// <summary>The fuzzer's targets: their ids fill route values, their credentials authenticate the calls.</summary>
public sealed record FuzzWorld(
    TestTenant Tenant, string AdminToken, string ManagedKeyId, string PersonaId, string ArticleId,
    string WidgetSession, string ConsoleSession, string AgentId);
