using Microsoft.Extensions.Configuration;

namespace Bob.Hosting.Health;

/// <summary>
/// <c>Bob.Web healthcheck</c> / <c>Bob.Silo healthcheck</c>: asks this node's own readiness probe on the management
/// port and exits 0 (ready) or 1, so a container health check needs no curl in the image.
/// </summary>
public static class HealthProbeCommand
{
    public const string Verb = "healthcheck";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Verb;

    public static async Task<int> RunAsync(string[] args, int defaultPort = 0)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args[1..]).Build();
        var port = configuration.GetValue("Bob:Management:Port", defaultPort);
        var path = args.Length > 1 && args[1].StartsWith('/') ? args[1] : HealthEndpoints.ReadyPath;
        if (port <= 0)
        {
            await Console.Error.WriteLineAsync("healthcheck: Bob__Management__Port is not set; the probe answers on the management port.");
            return 1;
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}{path}"));
            await Console.Out.WriteLineAsync($"{path}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"{path}: {ex.Message}");
            return 1;
        }
    }
}
