using System.Diagnostics;

namespace Bob.Faults.Tests;

/// <summary>
/// One Bob node (a standalone silo or a web-only node) as a real process, run from the solution's own build output the
/// way deploy/cluster.sh runs it, so it can be killed with SIGKILL or stopped with SIGTERM like a process in production.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly string _project;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _log;
    private Process? _process;

    public NodeProcess(string name, string project, string readyUrl, IReadOnlyDictionary<string, string> environment)
    {
        Name = name;
        _project = project;
        ReadyUrl = readyUrl;
        _environment = environment;
        _log = Path.Combine(Path.GetTempPath(), $"bob-faults-{name}-{Guid.NewGuid():N}.log");
    }

    public string Name { get; }

    public string ReadyUrl { get; }

    public bool IsRunning => _process is { HasExited: false };

    public void Start()
    {
        var directory = Path.Combine(RepositoryRoot.Path, "src", _project);
        var dll = Path.Combine(directory, "bin", Configuration, "net10.0", $"Bob.{_project}.dll");
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }
        _process = Process.Start(start)!;
        var log = new StreamWriter(_log, append: true) { AutoFlush = true };
        _process.OutputDataReceived += (_, line) => Write(log, line.Data);
        _process.ErrorDataReceived += (_, line) => Write(log, line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Waits until the node's readiness probe answers 200 (a generous deadline: the machine may be busy).</summary>
    public async Task WaitReadyAsync(HttpClient http)
    {
        var ready = await Eventually.ReturnsAsync(async () =>
        {
            if (_process is null || _process.HasExited)
            {
                return false;
            }
            using var response = await http.GetAsync(ReadyUrl);
            return response.IsSuccessStatusCode;
        }, ok => ok, TimeSpan.FromSeconds(180));
        Assert.True(ready, $"{Name} was not ready at {ReadyUrl}; last lines of its log:\n{Tail()}");
    }

    /// <summary>kill -9: no shutdown, no goodbye to the cluster.</summary>
    public async Task KillAsync()
    {
        _process!.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM: the graceful stop an orchestrator sends; waits until the process has exited.</summary>
    public async Task StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await _process.WaitForExitAsync(deadline.Token);
    }

    /// <summary>The node's last error lines, to explain a broken invariant.</summary>
    public string Errors() => File.Exists(_log)
        ? string.Join('\n', File.ReadLines(_log).Where(l => l.Contains("\"Level\":\"Error\"", StringComparison.Ordinal) || l.Contains("fail:", StringComparison.Ordinal)).TakeLast(5))
        : "";

    public string Tail() => File.Exists(_log) ? string.Join('\n', File.ReadLines(_log).TakeLast(30)) : "(no log)";

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        File.Delete(_log);
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }

    /// <summary>Release or Debug: the configuration these tests were built in, so the nodes are the same build.</summary>
    private static string Configuration => AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
}
