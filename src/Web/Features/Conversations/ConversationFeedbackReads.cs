using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;

namespace Bob.Web.Features.Conversations;

/// <summary>Mission Control's transcript (API and page) with what the visitor said about it: ratings live beside the
/// transcript in PostgreSQL, not in the conversation grain, so a turn never carries them.</summary>
public static class ConversationFeedbackReads
{
    public static async Task<ConversationView> WithFeedbackAsync(IClusterClient cluster, TenantId tenant, ConversationView view)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(view);
        return view.Channel == ChatChannel.Widget
            ? view with { Feedback = await cluster.GetGrain<IFeedbackGrain>(0).ForConversationAsync(tenant, view.ConversationId) }
            : view;
    }
}
