using System.Diagnostics;

namespace Bob.Load.Faults;

/// <summary>
/// <c>Bob.Load faults --url URL [--url URL…] --pg CONN --label TEXT --fault "SHELL COMMAND" [--duration 20] [--fault-at 5]
/// [--rate 20] [--sessions 200] [--tenants 4] [--table-header] [--attempts FILE.csv]</c>: runs the load, applies the fault by running the
/// command with bash at its time, audits, prints one fault-table row. Exit 1 when an invariant was broken.
/// </summary>
public static class FaultCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = FaultOptions.Parse(args);
        var command = args.SkipWhile(a => a != "--fault").Skip(1).FirstOrDefault() ?? throw new ArgumentException("--fault \"SHELL COMMAND\" is required.");
        using var run = new FaultRun(options);
        var outcome = await run.RunAsync(() => ShellAsync(command), Console.Out);
        var audit = await TranscriptAudit.RunAsync(outcome, run, Console.Out);
        if (args.SkipWhile(a => a != "--attempts").Skip(1).FirstOrDefault() is { } csv)
        {
            await File.WriteAllLinesAsync(csv, ["turn,kind,start,end,status,code,client_message_id", .. outcome.Attempts.Select(a =>
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{a.Turn},{a.Kind},{a.Start:F3},{a.End:F3},{a.Status},{a.Code},{a.ClientMessageId}"))]);
        }
        if (args.Contains("--table-header"))
        {
            Console.WriteLine(FaultReport.Header);
        }
        Console.WriteLine(FaultReport.Row(outcome, audit));
        foreach (var violation in FaultReport.Violations(outcome, audit))
        {
            Console.Error.WriteLine($"VIOLATION ({options.Label}): {violation}");
        }
        return FaultReport.Violations(outcome, audit).Count == 0 ? 0 : 1;
    }

    private static async Task ShellAsync(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", command]) { UseShellExecute = false })!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"the fault command exited {process.ExitCode}: {command}");
        }
    }
}
