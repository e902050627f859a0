using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Knowledge;
using Bob.Web.Auth;

namespace Bob.Web.Features.Knowledge;

/// <summary>The tenant's knowledge base and the input an article is made from, as the API and the Knowledge page both use them.</summary>
public static class KnowledgeActions
{
    public static IKnowledgeBaseGrain Base(IClusterClient cluster, Caller caller) => cluster.GetGrain<IKnowledgeBaseGrain>(caller.Tenant);

    /// <summary>The API's body and the Knowledge page's form become the same input.</summary>
    public static KnowledgeInput Input(string? title, string? content, IReadOnlyList<string>? tags) => new(title ?? "", content ?? "", tags ?? []);
}
