using Bob.Load;

namespace Bob.Faults.Tests;

/// <summary>The load tool's machine CPU per request, read from <c>/proc/stat</c>: idle and iowait are not busy.</summary>
public sealed class MachineCpuTests
{
    [Fact]
    public void The_aggregate_line_counts_every_state_but_idle_and_iowait_as_busy()
    {
        var cpu = MachineCpu.Parse("cpu  100 5 50 800 20 3 2 10 0 0");

        Assert.Equal(new MachineCpu(170, 990), cpu);
    }

    [Theory]
    [InlineData("cpu0 100 5 50 800 20 3 2 10 0 0")]
    [InlineData("intr 12345")]
    [InlineData("cpu 1 2")]
    public void A_line_that_is_not_the_aggregate_reads_as_unknown(string line)
    {
        Assert.Null(MachineCpu.Parse(line));
    }

    [Fact]
    public void Between_two_readings_gives_microseconds_per_request_and_the_busy_share()
    {
        // 150 busy ticks of 10 ms over 200 ticks, for 3,000 requests: 1.5 s of CPU, 500 µs each, 75 % busy.
        var cost = MachineCpu.Between(new MachineCpu(1_000, 5_000), new MachineCpu(1_150, 5_200), 3_000);

        Assert.NotNull(cost);
        Assert.Equal(500, cost.Value.MicrosPerRequest, precision: 6);
        Assert.Equal(0.75, cost.Value.BusyShare, precision: 6);
    }

    [Fact]
    public void No_reading_or_no_request_gives_no_figure()
    {
        Assert.Null(MachineCpu.Between(null, new MachineCpu(1, 2), 10));
        Assert.Null(MachineCpu.Between(new MachineCpu(1, 2), new MachineCpu(3, 4), 0));
    }

    [Fact]
    public void This_machine_has_a_reading_when_it_runs_Linux()
    {
        if (OperatingSystem.IsLinux())
        {
            var cpu = MachineCpu.Read();
            Assert.NotNull(cpu);
            Assert.True(cpu.Value.TotalTicks >= cpu.Value.BusyTicks && cpu.Value.BusyTicks > 0);
        }
        else
        {
            Assert.Null(MachineCpu.Read());
        }
    }
}
