using System.Globalization;

namespace Bob.Grains.Conversations;

/// <summary>
/// A PostgreSQL snapshot (<c>pg_current_snapshot()</c>, text form <c>xmin:xmax:xip,…</c>): which transactions' writes
/// a read saw. A transaction is seen when it is below <c>xmin</c>, or below <c>xmax</c> and not listed as in progress.
/// </summary>
public sealed record CommitSnapshot(ulong Xmin, ulong Xmax, IReadOnlySet<ulong> InProgress)
{
    /// <summary>Sees no transaction at all (nothing counted from the log yet).</summary>
    public static readonly CommitSnapshot Nothing = new(0, 0, new HashSet<ulong>());

    public bool Sees(ulong transaction) => transaction < Xmin || (transaction < Xmax && !InProgress.Contains(transaction));

    public static CommitSnapshot Parse(string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 3)
        {
            throw new FormatException($"'{text}' is not a PostgreSQL snapshot.");
        }
        var inProgress = parts[2].Length == 0
            ? new HashSet<ulong>()
            : parts[2].Split(',').Select(x => ulong.Parse(x, CultureInfo.InvariantCulture)).ToHashSet();
        return new CommitSnapshot(ulong.Parse(parts[0], CultureInfo.InvariantCulture), ulong.Parse(parts[1], CultureInfo.InvariantCulture), inProgress);
    }
}
