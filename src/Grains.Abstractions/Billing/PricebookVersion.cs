namespace Bob.Grains.Abstractions.Billing;

/// <summary>A published pricebook version (API.md's <c>{version, publishedAt, plans}</c>). Never changes once published.</summary>
[GenerateSerializer, Immutable, Alias("bob.PricebookVersion")]
public sealed record PricebookVersion(
    [property: Id(0)] int Version,
    [property: Id(1)] DateTimeOffset PublishedAt,
    [property: Id(2)] IReadOnlyList<PricebookPlan> Plans)
{
    public PricebookPlan? Plan(string planId) => Plans.FirstOrDefault(p => p.Id == planId);
}

/// <summary>The open draft: <see cref="Version"/> is the number it will be published as (the live version + 1).</summary>
[GenerateSerializer, Immutable, Alias("bob.PricebookDraft")]
public sealed record PricebookDraft(
    [property: Id(0)] int Version,
    [property: Id(1)] DateTimeOffset CreatedAt,
    [property: Id(2)] DateTimeOffset UpdatedAt,
    [property: Id(3)] IReadOnlyList<PricebookPlan> Plans);
