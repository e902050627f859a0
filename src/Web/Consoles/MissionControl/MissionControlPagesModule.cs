using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Auth;
using Bob.Web.Features.Conversations;
using Carter;

namespace Bob.Web.Consoles.MissionControl;

/// <summary>Mission Control: the live conversation list, a transcript, take over / reply / release.</summary>
public sealed class MissionControlPagesModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var path = ConsolePage.MissionControl.Path;
        app.MapGet(path, async (Caller caller, IClusterClient cluster, HttpContext context, string? q, string? status, string? page) =>
        {
            q = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
            status = string.IsNullOrEmpty(status) ? null : status;
            var listed = await MissionControlActions.ListConversationsAsync(cluster, caller, status, q, page, page_size: null);
            var parameters = new
            {
                Viewer = PageViewer.Of(context), Q = q, Status = status, listed.Failure,
                Page = listed.Value ?? (await MissionControlActions.ListConversationsAsync(cluster, caller, null, null, null, null)).Value!,
            };
            return listed.IsSuccess
                ? PageResults.Render<ConversationListPage>(parameters)
                : PageResults.RenderFailure<ConversationListPage>(listed.Failure!, parameters);
        }).MemberPage(ConsolePage.MissionControl);

        app.MapGet(path + "/{id:bobid}", (string id, Caller caller, IClusterClient cluster, HttpContext context) =>
            RenderTranscriptAsync(id, caller, cluster, context, null)).MemberPage(ConsolePage.MissionControl);

        app.MapPost(path + "/{id:bobid}/takeover", (string id, Caller caller, IClusterClient cluster, HttpContext context) =>
            ChangeAsync(id, caller, cluster, context, async () => (await MissionControlActions.Conversation(cluster, caller, id).TakeoverAsync(caller.UserId)).Failure))
            .MemberPage(Permissions.ChatManage);
        app.MapPost(path + "/{id:bobid}/release", (string id, Caller caller, IClusterClient cluster, HttpContext context) =>
            ChangeAsync(id, caller, cluster, context, async () => (await MissionControlActions.Conversation(cluster, caller, id).ReleaseAsync(caller.UserId)).Failure))
            .MemberPage(Permissions.ChatManage);
        app.MapPost(path + "/{id:bobid}/reply", (string id, Caller caller, IClusterClient cluster, HttpContext context) =>
            ChangeAsync(id, caller, cluster, context, async () =>
            {
                var form = await PageForm.ReadAsync(context);
                return (await MissionControlActions.AgentReplyAsync(cluster, caller, id, form["message"], form["client_message_id"])).Failure;
            })).MemberPage(Permissions.ChatManage);
    }

    private static async Task<IResult> ChangeAsync(string id, Caller caller, IClusterClient cluster, HttpContext context, Func<Task<Failure?>> change) =>
        await change() is { } failure
            ? await RenderTranscriptAsync(id, caller, cluster, context, failure)
            : PageResults.SeeOther($"{ConsolePage.MissionControl.Path}/{id}");

    private static async Task<IResult> RenderTranscriptAsync(string id, Caller caller, IClusterClient cluster, HttpContext context, Failure? failure)
    {
        if (await MissionControlActions.Conversation(cluster, caller, id).GetAsync() is not { } conversation)
        {
            return PageResults.Render<Shared.NotFoundPage>(new { Viewer = PageViewer.Of(context), What = "This conversation" }, StatusCodes.Status404NotFound);
        }
        conversation = await ConversationFeedbackReads.WithFeedbackAsync(cluster, caller.Tenant, conversation);
        var parameters = new { Viewer = PageViewer.Of(context), Conversation = conversation, Failure = failure };
        return failure is null ? PageResults.Render<TranscriptPage>(parameters) : PageResults.RenderFailure<TranscriptPage>(failure, parameters);
    }
}
