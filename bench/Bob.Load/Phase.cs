using System.Diagnostics;
using System.Globalization;

namespace Bob.Load;

/// <summary>Runs one request shape on N concurrent loops for a fixed time and records every latency; loop w sends
/// through <c>clients[w % clients.Count]</c> (one client per web node). Its k-th request has the index
/// <c>first + k × N + w</c>, so each loop keeps to its own residue modulo N, whatever <c>first</c> is: with a session count
/// that is a multiple of N, no two loops are ever in the same conversation at once, as no visitor sends before the
/// previous reply came.</summary>
public static class Phase
{
    public static async Task<PhaseResult> RunAsync(string name, LoadOptions options, Func<HttpClient, int, Task<HttpResponseMessage>> send, IReadOnlyList<HttpClient> clients, int first = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clients);
        // On stderr, so a profiler can be started for one phase (the tables go to stdout).
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss} phase {name}"));
        var latencies = new List<double>[options.Connections];
        var errors = 0;
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var cpuBefore = MachineCpu.Read();
        var stopwatch = Stopwatch.StartNew();
        var deadline = options.Duration;
        await Task.WhenAll(Enumerable.Range(0, options.Connections).Select(async worker =>
        {
            var mine = latencies[worker] = new List<double>(4096);
            var client = clients[worker % clients.Count];
            var iteration = 0;
            while (stopwatch.Elapsed < deadline)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await send(client, first + iteration++ * options.Connections + worker);
                    await response.Content.LoadIntoBufferAsync();
                    statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var elapsed = stopwatch.Elapsed;
        var cpuAfter = MachineCpu.Read();
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new PhaseResult(name, all.Length, errors, elapsed, all, statuses.ToDictionary(), MachineCpu.Between(cpuBefore, cpuAfter, all.Length));
    }
}

/// <param name="MachineCpu">The whole machine's CPU per request during the phase and how busy it was; null where unknown.</param>
public sealed record PhaseResult(string Name, int Requests, int Errors, TimeSpan Elapsed, double[] SortedLatencies, Dictionary<int, int> Statuses,
    (double MicrosPerRequest, double BusyShare)? MachineCpu = null)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    /// <summary>One path measured in several rounds, as if in one phase: requests, time and latencies added up, the CPU per
    /// request weighted by requests and the busy share by time.</summary>
    public static PhaseResult Merge(string name, IReadOnlyList<PhaseResult> rounds)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        var requests = rounds.Sum(r => r.Requests);
        var seconds = rounds.Sum(r => r.Elapsed.TotalSeconds);
        (double, double)? cpu = requests > 0 && rounds.All(r => r.MachineCpu is not null)
            ? (rounds.Sum(r => r.MachineCpu!.Value.MicrosPerRequest * r.Requests) / requests, rounds.Sum(r => r.MachineCpu!.Value.BusyShare * r.Elapsed.TotalSeconds) / seconds)
            : null;
        var statuses = rounds.SelectMany(r => r.Statuses).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Sum(s => s.Value));
        return new PhaseResult(name, requests, rounds.Sum(r => r.Errors), TimeSpan.FromSeconds(seconds),
            [.. rounds.SelectMany(r => r.SortedLatencies).Order()], statuses, cpu);
    }

    public double Percentile(double p) => SortedLatencies.Length == 0 ? 0 : SortedLatencies[Math.Min(SortedLatencies.Length - 1, (int)Math.Ceiling(p / 100 * SortedLatencies.Length) - 1)];
}
