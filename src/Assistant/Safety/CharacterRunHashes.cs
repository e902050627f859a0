namespace Bob.Assistant.Safety;

/// <summary>
/// A rolling polynomial hash of every run of <see cref="SystemPromptLeakGuard.MinimumCharacterRun"/> characters of a text,
/// in order, each in constant time.
/// </summary>
internal ref struct CharacterRunHashes
{
    private const ulong Base = 1_000_003;
    private static readonly ulong LeadingFactor = Power(Base, SystemPromptLeakGuard.MinimumCharacterRun - 1);

    private readonly ReadOnlySpan<char> _text;
    private int _next;

    public CharacterRunHashes(ReadOnlySpan<char> text)
    {
        _text = text;
        _next = -1;
    }

    public ulong Current { get; private set; }

    public static List<ulong> Of(string text)
    {
        var hashes = new List<ulong>();
        var runs = new CharacterRunHashes(text);
        while (runs.MoveNext())
        {
            hashes.Add(runs.Current);
        }
        return hashes;
    }

    public bool MoveNext()
    {
        var window = SystemPromptLeakGuard.MinimumCharacterRun;
        if (_next < 0)
        {
            if (_text.Length < window)
            {
                return false;
            }
            ulong hash = 0;
            for (var i = 0; i < window; i++)
            {
                hash = unchecked((hash * Base) + _text[i]);
            }
            Current = hash;
            _next = window;
            return true;
        }
        if (_next >= _text.Length)
        {
            return false;
        }
        Current = unchecked(((Current - (_text[_next - window] * LeadingFactor)) * Base) + _text[_next]);
        _next++;
        return true;
    }

    private static ulong Power(ulong value, int exponent)
    {
        ulong result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result = unchecked(result * value);
        }
        return result;
    }
}
