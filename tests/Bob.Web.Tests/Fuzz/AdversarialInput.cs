using System.Globalization;
using System.Text;

namespace Bob.Web.Tests.Fuzz;

/// <summary>One value to put where an input goes: raw JSON text for a body field, a percent-encoded string for a URL.</summary>
public sealed record FuzzValue(string Name, string Json, string Url, string? Text = null);

/// <summary>
/// Random and adversarial text and JSON: NUL and control characters, lone surrogates, RTL overrides, 4,000-character
/// emoji runs, over-long strings, injection-looking text, and JSON of the wrong shape (nulls, wrong types, huge and
/// fractional numbers, deep nesting). Random values come from a seeded generator, so a failure can be replayed.
/// </summary>
public static class AdversarialInput
{
    private const string Emoji = "\U0001F600";

    /// <summary>Text values, each sent as a JSON string in bodies and percent-encoded (as UTF-8, lone surrogates as the
    /// invalid bytes they would be) in query strings and paths.</summary>
    public static IReadOnlyList<(string Name, string Text)> Texts { get; } =
    [
        ("NUL", "\0"),
        ("NUL inside", "order\0 42"),
        ("control characters", "a\u0001b\u001Fc\u007F"),
        ("lone high surrogate", "broken \uD800 text"),
        ("lone low surrogate", "\uDC00"),
        ("reversed surrogate pair", "\uDE00\uD83D"),
        ("RTL override", "invoice\u202Etxt.exe"),
        ("bidi isolates and zero-width", "\u2066a\u2069\u200B\u200D\uFEFF"),
        ("4000-emoji run", string.Concat(Enumerable.Repeat(Emoji, 4000))),
        ("4001 ASCII", new string('a', 4001)),
        ("combining marks", "Z" + new string('\u0301', 500)),
        ("empty", ""),
        ("whitespace", " \t\r\n "),
        ("SQL-looking", "' OR 1=1; DROP TABLE bob_messages; --"),
        ("LIKE wildcards", "%_\\"),
        ("markup", "<script>alert(1)</script>"),
        ("path traversal", "../../etc/passwd"),
        ("percent-encoded NUL as text", "%00"),
        ("noncharacters", "\uFFFE\uFFFF"),
    ];

    /// <summary>JSON of the wrong shape for any field.</summary>
    public static IReadOnlyList<(string Name, string Json)> Shapes { get; } =
    [
        ("null", "null"),
        ("true", "true"),
        ("zero", "0"),
        ("negative", "-1"),
        ("huge integer", "123456789012345678901234567890"),
        ("huge exponent", "1e400"),
        ("fraction", "0.5"),
        ("empty array", "[]"),
        ("array of NUL", "[\"\\u0000\"]"),
        ("empty object", "{}"),
        ("deep nesting", new string('[', 200) + new string(']', 200)),
        ("deep objects", string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100)),
    ];

    public static IEnumerable<FuzzValue> Fixed() =>
        Texts.Select(t => new FuzzValue(t.Name, JsonString(t.Text), Percent(t.Text), t.Text))
            .Concat(Shapes.Select(s => new FuzzValue(s.Name, s.Json, Percent(s.Json))));

    public static IEnumerable<FuzzValue> Random(Random random, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var text = RandomText(random, random.Next(0, 300));
            yield return new FuzzValue($"random #{i}", JsonString(text), Percent(text), text);
        }
    }

    /// <summary>A string drawn from ASCII, controls, NUL, surrogates (paired and not), RTL marks, CJK and emoji.</summary>
    public static string RandomText(Random random, int length)
    {
        var text = new StringBuilder(length * 2);
        for (var i = 0; i < length; i++)
        {
            switch (random.Next(10))
            {
                case 0: text.Append((char)random.Next(0, 0x20)); break;
                case 1: text.Append((char)random.Next(0xD800, 0xE000)); break;
                case 2: text.Append(Emoji); break;
                case 3: text.Append("\u202E\u202D\u200F"[random.Next(3)]); break;
                case 4: text.Append((char)random.Next(0x4E00, 0x9FFF)); break;
                case 5: text.Append("\"\\/'%<>&{}[]"[random.Next(12)]); break;
                default: text.Append((char)random.Next(0x20, 0x7F)); break;
            }
        }
        return text.ToString();
    }

    /// <summary>A JSON string literal; controls and unpaired surrogates become \u escapes (so a lone surrogate reaches the
    /// server as the escape a client would send), everything else travels as UTF-8.</summary>
    public static string JsonString(string text)
    {
        var json = new StringBuilder(text.Length + 2).Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                json.Append(c).Append(text[++i]);
            }
            else if (c is '"' or '\\')
            {
                json.Append('\\').Append(c);
            }
            else if (c < 0x20 || char.IsSurrogate(c))
            {
                json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                json.Append(c);
            }
        }
        return json.Append('"').ToString();
    }

    /// <summary>Percent-encodes every byte but unreserved ASCII; a lone surrogate becomes its (invalid) 3-byte UTF-8 form.</summary>
    public static string Percent(string text)
    {
        var url = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            byte[] bytes;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                bytes = Encoding.UTF8.GetBytes(text.Substring(i++, 2));
            }
            else if (char.IsSurrogate(c))
            {
                bytes = [(byte)(0xE0 | (c >> 12)), (byte)(0x80 | ((c >> 6) & 0x3F)), (byte)(0x80 | (c & 0x3F))];
            }
            else if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                url.Append(c);
                continue;
            }
            else
            {
                bytes = Encoding.UTF8.GetBytes(c.ToString());
            }
            foreach (var b in bytes)
            {
                url.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return url.ToString();
    }
}
