using Xunit;

namespace Bob.Assistant.Tests;

public sealed class TextChunkerTests
{
    [Theory]
    [InlineData("")]
    [InlineData("Hello")]
    [InlineData("  Leading and trailing spaces  ")]
    [InlineData("One two three four five six seven eight")]
    [InlineData("One two three four five six seven eight nine.\nA second line, with\ttabs and  double  spaces, and more words after it.")]
    public void Chunks_concatenate_back_to_the_text_and_hold_at_most_eight_words(string text)
    {
        var chunks = TextChunker.Chunks(text).ToList();

        Assert.Equal(text.Trim().Length == 0 ? "" : text, string.Concat(chunks));
        Assert.All(chunks, chunk => Assert.InRange(chunk.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length, 1, TextChunker.WordsPerChunk));
    }

    [Fact]
    public void A_reply_of_twenty_words_streams_in_three_chunks()
    {
        var text = string.Join(' ', Enumerable.Range(1, 20).Select(n => $"word{n}")) + ".";

        var chunks = TextChunker.Chunks(text).ToList();

        Assert.Equal(3, chunks.Count);
        Assert.Equal("word1 word2 word3 word4 word5 word6 word7 word8 ", chunks[0]);
        Assert.Equal("word17 word18 word19 word20.", chunks[^1]);
    }
}
