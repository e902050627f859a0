using Bob.Assistant.Retrieval;
using Bob.Assistant;
using Xunit;

namespace Bob.Assistant.Tests;

public sealed class KnowledgeIndexTests
{
    [Fact]
    public void Search_ranks_the_matching_article_first()
    {
        var results = TestKnowledge.Index.Search("How long does delivery take?");

        Assert.NotEmpty(results);
        Assert.Equal("shipping", results[0].DocumentId);
        Assert.Equal("Shipping and delivery", results[0].Title);
    }

    [Fact]
    public void A_passage_is_analysed_once_for_every_search_that_returns_it()
    {
        var first = TestKnowledge.Index.Search("How long does delivery take?")[0];
        var again = TestKnowledge.Index.Search("Is delivery to Spain included?")[0];

        Assert.Equal(first.DocumentId, again.DocumentId);
        Assert.Same(first.Analysis, again.Analysis);
        Assert.Equal(PassageChunker.Sentences(first.Text), first.Analysis!.Sentences.Select(s => s.Text));
        Assert.Equal(TextAnalyzer.Terms(first.Analysis.Sentences[0].Text).Distinct(), first.Analysis.Sentences[0].Terms);
    }

    [Fact]
    public void Search_returns_nothing_for_an_unrelated_question()
    {
        Assert.Empty(TestKnowledge.Index.Search("what's the weather on Mars"));
    }

    [Fact]
    public void Search_returns_nothing_for_stop_words_only()
    {
        Assert.Empty(TestKnowledge.Index.Search("what is the"));
    }

    [Fact]
    public void Title_match_outranks_a_passing_mention_in_content()
    {
        var index = KnowledgeIndex.Build(
        [
            new KnowledgeDocument("news", "Company news", "Warranty questions came up at the fair, and warranty was a hot topic there.", []),
            new KnowledgeDocument("warranty", "Warranty", "Every product is covered against manufacturing defects for two years.", []),
        ]);

        var results = index.Search("warranty");

        Assert.Equal("warranty", results[0].DocumentId);
    }

    [Fact]
    public void Tags_make_an_article_findable()
    {
        var results = TestKnowledge.Index.Search("logistics");

        Assert.Equal("shipping", Assert.Single(results).DocumentId);
    }

    [Fact]
    public void Plural_and_ing_forms_match_the_same_stem()
    {
        var results = TestKnowledge.Index.Search("returning items");

        Assert.Equal("returns", results[0].DocumentId);
    }

    [Fact]
    public void Empty_index_finds_nothing()
    {
        Assert.Equal(0, KnowledgeIndex.Empty.DocumentCount);
        Assert.Empty(KnowledgeIndex.Empty.Search("delivery"));
        Assert.Equal(5, TestKnowledge.Index.DocumentCount);
    }

    [Fact]
    public void Long_articles_are_split_so_the_passage_with_the_answer_is_returned()
    {
        var filler = string.Join(' ', Enumerable.Repeat("Our company was founded many years ago by people who love mountains.", 8));
        var content = $"{filler}\n\n{filler}\n\nThe flagship tent withstands winds of up to 120 km/h.";
        var index = KnowledgeIndex.Build([new KnowledgeDocument("about", "About us", content, [])]);

        var result = Assert.Single(index.Search("tent wind"));

        Assert.Contains("120 km/h", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("founded", result.Text, StringComparison.Ordinal);
        Assert.True(index.PassageCount >= 3);
    }

    [Fact]
    public void Rebuilding_with_a_changed_article_replaces_the_old_text()
    {
        var before = KnowledgeIndex.Build([TestKnowledge.Returns]);
        var after = KnowledgeIndex.Build([TestKnowledge.Returns with { Content = "Items can be returned within 14 days." }]);

        Assert.Contains("30 days", before.Search("return")[0].Text, StringComparison.Ordinal);
        Assert.Contains("14 days", after.Search("return")[0].Text, StringComparison.Ordinal);
    }
}
