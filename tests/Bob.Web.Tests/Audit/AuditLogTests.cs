using System.Net.Http.Json;
using Npgsql;

namespace Bob.Web.Tests.Audit;

public sealed class AuditLogTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    [Fact]
    public async Task A_login_is_one_entry_naming_the_user()
    {
        var tenant = await app.SignupAsync();
        var before = await app.AuditEntriesAsync(tenant.Token, "action=auth.login");

        await app.LoginAsync(tenant.OwnerEmail, tenant.Password);

        var after = await app.AuditEntriesAsync(tenant.Token, "action=auth.login");
        var entry = Assert.Single(after, e => !before.Exists(b => b.Id() == e.Id()));
        Assert.Equal("user", entry.ActorType());
        Assert.Equal(tenant.OwnerId, entry.ActorId());
        Assert.Equal(tenant.OwnerEmail, entry["actor"]!["email"]!.GetValue<string>());
        Assert.Equal("user", entry["target"]!["type"]!.GetValue<string>());
        Assert.Equal(tenant.OwnerId, entry.TargetId());
        Assert.Equal(tenant.TenantId, entry["tenantId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_wrong_password_is_one_failed_login_entry_without_the_password()
    {
        var tenant = await app.SignupAsync();
        const string wrong = "not-the-password-xyz";

        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = tenant.OwnerEmail, password = wrong });

        await response.AssertProblemAsync(401, "invalid_credentials");
        var entry = Assert.Single(await app.AuditEntriesAsync(tenant.Token, "action=auth.login_failed"));
        Assert.Equal(tenant.OwnerId, entry.TargetId());
        Assert.DoesNotContain(wrong, entry.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, await AllAuditTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_login_for_an_unknown_email_is_in_no_tenants_log()
    {
        var email = $"nobody-{Guid.NewGuid():N}@example.com";

        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = "whatever-password" });

        await response.AssertProblemAsync(401, "invalid_credentials");
        Assert.DoesNotContain(email, await AllAuditTextAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("viewer")]
    [InlineData("agent")]
    public async Task Members_without_audit_read_are_refused(string role)
    {
        var tenant = await app.SignupAsync();
        var member = await app.AddMemberAsync(tenant, role);

        var response = await app.Bearer(member["token"]!.GetValue<string>()).GetAsync("/api/audit");

        await response.AssertProblemAsync(403, "forbidden");
    }

    [Fact]
    public async Task Anonymous_callers_are_refused()
    {
        var response = await app.CreateClient().GetAsync("/api/audit");

        await response.AssertProblemAsync(401, "unauthenticated");
    }

    [Fact]
    public async Task Another_tenants_admin_sees_only_their_own_log()
    {
        var first = await app.SignupAsync();
        var second = await app.SignupAsync();
        var secondAdmin = await app.AddMemberAsync(second, "admin");

        var seen = await app.AuditEntriesAsync(secondAdmin["token"]!.GetValue<string>());

        Assert.NotEmpty(seen);
        Assert.All(seen, e => Assert.Equal(second.TenantId, e["tenantId"]!.GetValue<string>()));
        Assert.DoesNotContain(seen, e => e.ActorId() == first.OwnerId || e.TargetId() == first.OwnerId);
    }

    [Fact]
    public async Task Ids_count_up_without_gaps_and_pages_go_newest_first()
    {
        var tenant = await app.SignupAsync();
        for (var i = 0; i < 4; i++)
        {
            await app.LoginAsync(tenant.OwnerEmail, tenant.Password);
        }

        var all = await app.AuditEntriesAsync(tenant.Token);
        var firstPage = await app.AuditPageAsync(tenant.Token, "limit=2");

        var ids = all.Select(e => e.Id()).ToList();
        Assert.Equal(Enumerable.Range(1, ids.Count).Select(i => (long)i).Reverse(), ids);
        Assert.Equal(ids.Take(2), firstPage["items"]!.AsArray().Select(e => e!["id"]!.GetValue<long>()));
        Assert.Equal(ids[1].ToString(System.Globalization.CultureInfo.InvariantCulture), firstPage["nextCursor"]!.GetValue<string>());
    }

    [Fact]
    public async Task Paging_by_cursor_stays_stable_while_entries_are_appended()
    {
        var tenant = await app.SignupAsync();
        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => app.LoginAsync(tenant.OwnerEmail, tenant.Password)));
        var snapshot = (await app.AuditEntriesAsync(tenant.Token)).Select(e => e.Id()).ToList();

        var paged = new List<long>();
        var appending = Task.WhenAll(Enumerable.Range(0, 12).Select(_ => app.LoginAsync(tenant.OwnerEmail, tenant.Password)));
        var page = await app.AuditPageAsync(tenant.Token, "limit=3");
        var top = page["items"]!.AsArray().First()!["id"]!.GetValue<long>();
        while (true)
        {
            paged.AddRange(page["items"]!.AsArray().Select(e => e!["id"]!.GetValue<long>()));
            var cursor = page["nextCursor"]?.GetValue<string>();
            if (cursor is null)
            {
                break;
            }
            page = await app.AuditPageAsync(tenant.Token, $"limit=3&cursor={cursor}");
        }
        await appending;

        Assert.Equal(paged.Distinct().Count(), paged.Count);
        Assert.Equal(paged.OrderByDescending(id => id), paged);
        Assert.Equal(Enumerable.Range(1, (int)top).Select(i => (long)i).Reverse(), paged);
        Assert.Subset(paged.ToHashSet(), snapshot.ToHashSet());
        var final = (await app.AuditEntriesAsync(tenant.Token)).Select(e => e.Id()).ToList();
        Assert.Equal(snapshot.Count + 12, final.Count);
    }

    [Fact]
    public async Task Filters_by_actor_action_and_time()
    {
        var tenant = await app.SignupAsync();
        var admin = await app.AddMemberAsync(tenant, "admin");
        var adminId = admin["user"]!["id"]!.GetValue<string>();
        var adminEmail = admin["user"]!["email"]!.GetValue<string>();
        await app.LoginAsync(adminEmail, ApiClient.Password);
        await app.LoginAsync(tenant.OwnerEmail, tenant.Password);
        var all = await app.AuditEntriesAsync(tenant.Token);

        var byId = await app.AuditEntriesAsync(tenant.Token, $"actor={adminId}");
        var byEmail = await app.AuditEntriesAsync(tenant.Token, $"actor={Uri.EscapeDataString(adminEmail.ToUpperInvariant())}");
        var logins = await app.AuditEntriesAsync(tenant.Token, "action=auth.login");
        var newest = all[0]["at"]!.GetValue<DateTimeOffset>();
        var fromNewest = await app.AuditEntriesAsync(tenant.Token, $"from={Uri.EscapeDataString(newest.ToString("O"))}");
        var beforeNewest = await app.AuditEntriesAsync(tenant.Token, $"to={Uri.EscapeDataString(newest.ToString("O"))}");

        Assert.NotEmpty(byId);
        Assert.All(byId, e => Assert.Equal(adminId, e.ActorId()));
        Assert.Equal(byId.Select(e => e.Id()), byEmail.Select(e => e.Id()));
        Assert.Equal(all.Where(e => e.ActorId() == adminId).Select(e => e.Id()), byId.Select(e => e.Id()));
        Assert.Equal(all.Where(e => e.Action() == "auth.login").Select(e => e.Id()), logins.Select(e => e.Id()));
        Assert.Contains(fromNewest, e => e.Id() == all[0].Id());
        Assert.All(fromNewest, e => Assert.True(e["at"]!.GetValue<DateTimeOffset>() >= newest));
        Assert.All(beforeNewest, e => Assert.True(e["at"]!.GetValue<DateTimeOffset>() < newest));
        Assert.Equal(all.Count, fromNewest.Count + beforeNewest.Count);
    }

    [Theory]
    [InlineData("cursor=abc", "cursor")]
    [InlineData("cursor=0", "cursor")]
    [InlineData("cursor=-5", "cursor")]
    [InlineData("cursor=99999999999999999999999", "cursor")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=1e2", "limit")]
    [InlineData("action=persona.exploded", "action")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-13-45", "to")]
    [InlineData("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to")]
    [InlineData("actor=%20", "actor")]
    public async Task Bad_queries_are_validation_problems_naming_the_field(string query, string field)
    {
        var tenant = await app.SignupAsync();

        var response = await app.Bearer(tenant.Token).GetAsync($"/api/audit?{query}");

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task No_route_edits_or_deletes_an_entry_and_the_table_refuses_it_too()
    {
        var tenant = await app.SignupAsync();
        var entry = (await app.AuditEntriesAsync(tenant.Token))[0];

        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete, HttpMethod.Post })
        {
            var response = await app.Bearer(tenant.Token).SendAsync(new HttpRequestMessage(method, "/api/audit") { Content = ApiClient.RawJson("{}") });
            await response.AssertProblemAsync(405, "method_not_allowed");
        }
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in new[] { "UPDATE bob_audit SET action = 'auth.login' WHERE tenant_id = $1", "DELETE FROM bob_audit WHERE tenant_id = $1" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.Add(new() { Value = tenant.TenantId });
            await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        }
        Assert.Equal(entry.ToJsonString(), (await app.AuditEntriesAsync(tenant.Token))[0].ToJsonString());
    }

    private async Task<string> AllAuditTextAsync()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COALESCE(string_agg(bob_audit::text, E'\\n'), '') FROM bob_audit", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
