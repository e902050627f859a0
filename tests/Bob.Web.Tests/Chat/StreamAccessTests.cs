using System.Net.Http.Json;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Auth;
using Bob.Web.Features.Conversations;
using Bob.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bob.Web.Tests.Chat;

/// <summary>
/// Issue 18: a Mission Control live feed ends (an <c>error</c> event with the code, then the end of the stream) once the
/// credential behind it ends: logout, password change, removal from the team, also when the change was made through
/// another web node. A member who still may read keeps their feed: another member's removal, a role change that keeps
/// chat.read.
/// </summary>
public sealed class StreamAccessTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    private const string Feed = "/api/chat/events";

    [Fact]
    public async Task A_feed_ends_after_its_token_logs_out()
    {
        var tenant = await app.SignupAsync();
        await using var feed = await LiveStream.OpenAsync(app.Bearer(tenant.Token), Feed);

        Assert.True((await app.Bearer(tenant.Token).PostAsync("/api/auth/logout", null)).IsSuccessStatusCode);

        await feed.AssertEndsWithAsync("invalid_token");
    }

    [Fact]
    public async Task A_feed_ends_after_its_user_changes_the_password()
    {
        var tenant = await app.SignupAsync();
        await using var feed = await LiveStream.OpenAsync(app.Bearer(tenant.Token), Feed);

        var changed = await app.Bearer(tenant.Token).PostAsJsonAsync("/api/auth/change-password",
            new { currentPassword = tenant.Password, newPassword = "a brand new password 2" });
        await changed.OkJsonAsync();

        await feed.AssertEndsWithAsync("invalid_token");
    }

    [Fact]
    public async Task A_removed_members_feed_ends_while_the_owners_feed_goes_on_delivering()
    {
        var tenant = await app.SignupAsync();
        var agentToken = await app.InviteMemberAsync(tenant, Roles.Agent);
        var agentId = (await (await app.Bearer(agentToken).GetAsync("/api/auth/me")).OkJsonAsync())["id"]!.GetValue<string>();
        await using var ownerFeed = await LiveStream.OpenAsync(app.Bearer(tenant.Token), Feed);
        await using var agentFeed = await LiveStream.OpenAsync(app.Bearer(agentToken), Feed);

        Assert.True((await app.Bearer(tenant.Token).DeleteAsync($"/api/team/{agentId}")).IsSuccessStatusCode);
        await agentFeed.AssertEndsWithAsync("invalid_token");
        var session = ChatApi.NewSession();
        await app.WidgetChatAsync(tenant.WidgetKey, session, "a visitor after the removal");

        var arrived = await ownerFeed.NextAsync(e => e.Event == "message" && e.Json["session_id"]?.GetValue<string>() == session);
        Assert.Equal("a visitor after the removal", arrived.Json["message"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_role_change_that_keeps_chat_read_leaves_the_feed_open_and_delivering()
    {
        var tenant = await app.SignupAsync();
        var agentToken = await app.InviteMemberAsync(tenant, Roles.Agent);
        var otherToken = await app.InviteMemberAsync(tenant, Roles.Viewer);
        var agentId = (await (await app.Bearer(agentToken).GetAsync("/api/auth/me")).OkJsonAsync())["id"]!.GetValue<string>();
        await using var agentFeed = await LiveStream.OpenAsync(app.Bearer(agentToken), Feed);
        await using var otherFeed = await LiveStream.OpenAsync(app.Bearer(otherToken), Feed);

        Assert.True((await app.Bearer(tenant.Token).PutAsJsonAsync($"/api/team/{agentId}", new { role = Roles.Viewer })).IsSuccessStatusCode);
        Assert.True((await app.Bearer(otherToken).PostAsync("/api/auth/logout", null)).IsSuccessStatusCode);
        // The other feed's end shows the feeds were checked again after the role change.
        await otherFeed.AssertEndsWithAsync("invalid_token");
        var session = ChatApi.NewSession();
        await app.WidgetChatAsync(tenant.WidgetKey, session, "a visitor after the role change");

        var arrived = await agentFeed.NextAsync(e => e.Event is "message" or "error" && (e.Event == "error" || e.Json["session_id"]?.GetValue<string>() == session));
        Assert.Equal("message", arrived.Event);
    }

    [Fact]
    public async Task A_role_that_loses_the_permission_a_stream_needs_ends_it()
    {
        // Every tenant role may read chat today, so the feed's own check (chat.read) cannot lose it by a role change; the
        // same check asked for chat.manage shows a demotion ends a stream that needs what the new role lacks.
        var tenant = await app.SignupAsync();
        var agentToken = await app.InviteMemberAsync(tenant, Roles.Agent);
        var agentId = (await (await app.Bearer(agentToken).GetAsync("/api/auth/me")).OkJsonAsync())["id"]!.GetValue<string>();
        var cluster = app.Services.GetRequiredService<IClusterClient>();
        var caller = new Caller(new Bob.Grains.Abstractions.Common.TenantId(tenant.TenantId), agentId, "", Roles.Agent, AccessTokens.KeyOf(agentToken));
        var managing = StreamAccess.ForMember(cluster, caller, Permissions.ChatManage, TimeSpan.FromSeconds(1));
        var reading = StreamAccess.ForMember(cluster, caller, Permissions.ChatRead, TimeSpan.FromSeconds(1));
        Assert.Null(await managing.CheckAsync());

        Assert.True((await app.Bearer(tenant.Token).PutAsJsonAsync($"/api/team/{agentId}", new { role = Roles.Viewer })).IsSuccessStatusCode);

        Assert.Equal("forbidden", (await managing.CheckAsync())?.Code);
        Assert.Null(await reading.CheckAsync());
    }

    [Fact]
    public async Task A_feed_on_another_web_node_ends_after_a_logout_handled_here()
    {
        var tenant = await app.SignupAsync();
        await using var nodeB = await ClientWebNode.StartAsync(app);
        var onB = nodeB.CreateClient();
        onB.DefaultRequestHeaders.Authorization = new("Bearer", tenant.Token);
        await using var feed = await LiveStream.OpenAsync(onB, Feed);

        Assert.True((await app.Bearer(tenant.Token).PostAsync("/api/auth/logout", null)).IsSuccessStatusCode);

        await feed.AssertEndsWithAsync("invalid_token");
    }
}
