namespace Bob.Grains.Abstractions.Knowledge;

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
