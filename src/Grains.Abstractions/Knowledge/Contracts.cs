namespace Bob.Grains.Abstractions.Knowledge;

[GenerateSerializer, Immutable, Alias("bob.KnowledgeInput")]
public sealed record KnowledgeInput(
    [property: Id(0)] string Title,
    [property: Id(1)] string Content,
    [property: Id(2)] IReadOnlyList<string> Tags);

[GenerateSerializer, Immutable, Alias("bob.KnowledgeArticle")]
public sealed record KnowledgeArticle(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string Content,
    [property: Id(3)] IReadOnlyList<string> Tags,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset UpdatedAt);

public static class KnowledgeRules
{
    public const int TitleMax = 200;
    public const int ContentMax = 20_000;
    public const int TagsMax = 20;
    public const int TagMax = 40;
    public const int ArticlesMax = 1000;

    public static Common.Failure? Validate(KnowledgeInput input)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Trim().Length > TitleMax)
        {
            errors["title"] = [$"title must be 1..{TitleMax} characters."];
        }
        if (string.IsNullOrWhiteSpace(input.Content) || input.Content.Length > ContentMax)
        {
            errors["content"] = [$"content must be 1..{ContentMax} characters."];
        }
        if (input.Tags.Count > TagsMax || input.Tags.Any(t => string.IsNullOrWhiteSpace(t) || t.Trim().Length > TagMax))
        {
            errors["tags"] = [$"at most {TagsMax} tags of 1..{TagMax} characters."];
        }
        return errors.Count == 0 ? null : Common.Failure.Validation(errors);
    }
}

/// <summary>A tenant's knowledge articles, keyed by tenant id. <see cref="VersionAsync"/> changes with every edit,
/// so silos can cache the search index built from them.</summary>
[Alias("bob.IKnowledgeBaseGrain")]
public interface IKnowledgeBaseGrain : IGrainWithStringKey
{
    [Alias("List")]
    Task<IReadOnlyList<KnowledgeArticle>> ListAsync();

    [Alias("Get")]
    Task<KnowledgeArticle?> GetAsync(string articleId);

    [Alias("Create")]
    Task<Common.Result<KnowledgeArticle>> CreateAsync(KnowledgeInput input);

    [Alias("Update")]
    Task<Common.Result<KnowledgeArticle>> UpdateAsync(string articleId, KnowledgeInput input);

    [Alias("Delete")]
    Task<Common.Outcome> DeleteAsync(string articleId);

    [Alias("Version")]
    Task<long> VersionAsync();
}
