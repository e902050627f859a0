using Bob.Grains.Conversations;

namespace Bob.Grains.Tests.Conversations;

public sealed class CommitSnapshotTests
{
    [Theory]
    [InlineData(99, true)]   // committed before the oldest transaction still running
    [InlineData(100, false)] // still running when the snapshot was taken
    [InlineData(101, true)]  // committed between xmin and xmax, not running
    [InlineData(103, false)] // still running
    [InlineData(105, false)] // started after the snapshot
    [InlineData(200, false)]
    public void A_snapshot_sees_what_committed_before_it_and_nothing_else(ulong transaction, bool seen)
    {
        var snapshot = CommitSnapshot.Parse("100:105:100,103");

        Assert.Equal(seen, snapshot.Sees(transaction));
    }

    [Fact]
    public void A_snapshot_with_nothing_running_sees_everything_below_xmax()
    {
        var snapshot = CommitSnapshot.Parse("742:742:");

        Assert.True(snapshot.Sees(741));
        Assert.False(snapshot.Sees(742));
    }

    [Fact]
    public void Nothing_sees_no_transaction() => Assert.False(CommitSnapshot.Nothing.Sees(1));

    [Theory]
    [InlineData("")]
    [InlineData("1:2")]
    [InlineData("a:b:")]
    public void Malformed_snapshots_are_refused(string text) => Assert.ThrowsAny<FormatException>(() => CommitSnapshot.Parse(text));
}
