using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Web.Auth;
using Bob.Web.Http;

namespace Bob.Web.Features.Conversations;

/// <summary>Listing conversations and answering one as a human agent, as the API and Mission Control's page both do them.</summary>
public static class MissionControlActions
{
    /// <summary>The tenant's conversations, newest first: status filter, q searches titles and messages, pages of 1..100.</summary>
    public static async Task<Result<ConversationPage>> ListConversationsAsync(IClusterClient cluster, Caller caller, string? status, string? q, string? page, string? page_size)
    {
        var pageNumber = 1;
        var pageSize = 20;
        var invalid = new Fields()
            .Check(status is null || ConversationStatus.All.Contains(status), "status", $"status must be one of {string.Join(", ", ConversationStatus.All)}.")
            .Check(page is null || QueryNumbers.TryParse(page, 1, int.MaxValue, out pageNumber), "page", $"page must be a whole number 1..{int.MaxValue}.")
            .Check(page_size is null || QueryNumbers.TryParse(page_size, 1, 100, out pageSize), "page_size", "page_size must be a whole number 1..100.")
            .Check(q is null || q.Length <= 200, "q", "q must be at most 200 characters.")
            .Failure;
        if (invalid is not null)
        {
            return invalid;
        }
        return await cluster.GetGrain<IConversationQueryGrain>(0).ListAsync(caller.Tenant, new ConversationQuery(status, q, pageNumber, pageSize));
    }

    /// <summary>An agent's reply (takes the conversation over if nobody has).</summary>
    public static async Task<Result<TranscriptMessage>> AgentReplyAsync(IClusterClient cluster, Caller caller, string id, string? message, string? clientMessageId)
    {
        var invalid = new Fields().Required(ChatMessageRule.Field, message)
            .OptionalId("client_message_id", clientMessageId)
            .Failure;
        if (invalid is not null)
        {
            return invalid;
        }
        return await Conversation(cluster, caller, id).AgentReplyAsync(caller.UserId, message!, clientMessageId);
    }

    public static IConversationGrain Conversation(IClusterClient cluster, Caller caller, string id) =>
        cluster.GetConversation(caller.Tenant, new ConversationId(id));
}
