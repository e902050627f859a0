using System.Buffers;

namespace Bob.Assistant.Safety;

/// <summary>
/// A text as the leak guard compares it: its words lower-cased, joined by single spaces, apostrophes dropped ("don't"
/// and "dont" compare equal), every other non-letter, non-digit a separator. Held in pooled buffers: dispose it.
/// </summary>
internal readonly struct NormalizedWords : IDisposable
{
    private readonly char[] _chars;
    private readonly int[] _bounds; // start and end of each word in _chars, interleaved

    private NormalizedWords(char[] chars, int[] bounds, int length, int count)
    {
        _chars = chars;
        _bounds = bounds;
        Length = length;
        Count = count;
    }

    /// <summary>Characters of the normalized text.</summary>
    public int Length { get; }

    /// <summary>Number of words.</summary>
    public int Count { get; }

    public ReadOnlySpan<char> Text => _chars.AsSpan(0, Length);

    /// <summary><paramref name="words"/> consecutive words from <paramref name="first"/>, as they appear in <see cref="Text"/>.</summary>
    public ReadOnlySpan<char> Run(int first, int words)
    {
        var start = _bounds[2 * first];
        return _chars.AsSpan(start, _bounds[(2 * (first + words - 1)) + 1] - start);
    }

    public static NormalizedWords Of(ReadOnlySpan<char> text)
    {
        // Each word takes at least one character and one separator, so the normalized text is never longer than the input.
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(text.Length, 1));
        var bounds = ArrayPool<int>.Shared.Rent(text.Length + 2);
        var length = 0;
        var count = 0;
        var inWord = false;
        foreach (var character in text)
        {
            if (char.IsLetterOrDigit(character))
            {
                if (!inWord)
                {
                    if (count > 0)
                    {
                        chars[length++] = ' ';
                    }
                    bounds[2 * count] = length;
                    inWord = true;
                }
                chars[length++] = char.ToLowerInvariant(character);
            }
            else if (character is '\'' or '’')
            {
                // Neither ends nor starts a word.
            }
            else if (inWord)
            {
                bounds[(2 * count) + 1] = length;
                count++;
                inWord = false;
            }
        }

        if (inWord)
        {
            bounds[(2 * count) + 1] = length;
            count++;
        }

        return new NormalizedWords(chars, bounds, length, count);
    }

    public void Dispose()
    {
        if (_chars is not null)
        {
            ArrayPool<char>.Shared.Return(_chars);
            ArrayPool<int>.Shared.Return(_bounds);
        }
    }
}
