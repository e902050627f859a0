using Microsoft.Extensions.Logging;
using System.Collections.Concurrent;

namespace Bob.Web.Tests.Operations;

/// <summary>One log event as every sink would see it: message, structured values, scopes and exception, flattened to text.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, string> Values, string? Exception)
{
    public string AllText => $"{Category} {Message} {string.Join(' ', Values.Select(v => $"{v.Key}={v.Value}"))} {Exception}";
}

/// <summary>A logger provider that keeps everything logged (scopes included), to check what the logs would contain.</summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _logs = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<CapturedLog> Logs => _logs;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(string category, LogCapture owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new Dictionary<string, string>();
            Add(values, state);
            // The factory's scope provider also yields TraceId/SpanId when ActivityTrackingOptions asks for them.
            owner._scopes.ForEachScope((scope, into) => Add(into, scope), values);
            owner._logs.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception), values, exception?.ToString()));
        }

        private static void Add(Dictionary<string, string> into, object? state)
        {
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    into.TryAdd(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
                }
            }
            else if (state is not null)
            {
                into.TryAdd($"scope{into.Count}", state.ToString() ?? "");
            }
        }
    }
}
