using System.Globalization;

namespace Bob.Grains.Webhooks;

/// <summary>The opaque cursor of the delivery log: where the previous page ended.</summary>
public static class DeliveryCursor
{
    public static string Format(long seq) => Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes("d" + seq.ToString(CultureInfo.InvariantCulture))).TrimEnd('=');

    public static bool TryParse(string cursor, out long seq)
    {
        seq = 0;
        if (cursor.Length is 0 or > 32)
        {
            return false;
        }
        var padded = cursor + new string('=', (4 - (cursor.Length % 4)) % 4);
        Span<byte> bytes = stackalloc byte[24];
        if (!Convert.TryFromBase64String(padded, bytes, out var written) || written < 2 || bytes[0] != (byte)'d')
        {
            return false;
        }
        var digits = System.Text.Encoding.ASCII.GetString(bytes[1..written]);
        return digits.All(char.IsAsciiDigit) && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out seq) && seq > 0;
    }
}
