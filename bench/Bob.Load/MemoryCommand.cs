using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;

namespace Bob.Load;

/// <summary>
/// <c>memory --url U --conversations N [--tenants T] [--connections C]</c>: opens N widget conversations with one turn
/// each, spread over T new tenants, C at a time, and exits. deploy/bench.sh --memory reads the node's RSS around it.
/// </summary>
public static class MemoryCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var url = CommandLine.LoopbackUrl(args);
        var conversations = CommandLine.Int(args, "--conversations", 20_000, 1, 200_000);
        var tenants = CommandLine.Int(args, "--tenants", 8, 1, 100);
        var connections = CommandLine.Int(args, "--connections", 32, 1, 512);
        const string origin = "https://load.example.com";
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        var keys = new List<string>();
        for (var t = 0; t < tenants; t++)
        {
            keys.Add(await TenantSetup.CreateAsync(client, origin));
        }
        var next = -1;
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < conversations)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/widget/chat")
                {
                    Content = JsonContent.Create(new { session_id = $"mem-{Guid.NewGuid():N}", message = "How long does shipping take?" }),
                };
                request.Headers.Add("X-Widget-Key", keys[i % keys.Count]);
                request.Headers.Add("Origin", origin);
                try
                {
                    using var response = await client.SendAsync(request);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"opened {conversations} conversations over {tenants} tenants in {clock.Elapsed.TotalSeconds:F1} s, {errors} errors"));
        return errors == 0 ? 0 : 1;
    }
}
