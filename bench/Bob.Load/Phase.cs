using System.Diagnostics;

namespace Bob.Load;

/// <summary>Runs one request shape on N concurrent loops for a fixed time and records every latency; loop w sends
/// through <c>clients[w % clients.Count]</c> (one client per web node).</summary>
public static class Phase
{
    public static async Task<PhaseResult> RunAsync(string name, LoadOptions options, Func<HttpClient, int, Task<HttpResponseMessage>> send, IReadOnlyList<HttpClient> clients)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clients);
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
                    using var response = await send(client, worker * 1_000_000 + iteration++);
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

    public double Percentile(double p) => SortedLatencies.Length == 0 ? 0 : SortedLatencies[Math.Min(SortedLatencies.Length - 1, (int)Math.Ceiling(p / 100 * SortedLatencies.Length) - 1)];
}
