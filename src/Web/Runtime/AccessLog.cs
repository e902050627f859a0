using System.Diagnostics;
using Bob.Grains.Abstractions.Common;
using Bob.Web.Http;

namespace Bob.Web.Runtime;

/// <summary>
/// One line per request: method, path (never the query string: it can carry a widget key), status and duration.
/// Also hands the request id to the grain calls the request makes, so silo log lines carry it too.
/// </summary>
public sealed class AccessLog(RequestDelegate next, ILoggerFactory loggers)
{
    public const string Category = "Bob.Web.Access";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public async Task InvokeAsync(HttpContext context)
    {
        RequestContext.Set(TelemetryNames.RequestIdKey, RequestIdMiddleware.Get(context));
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            if (_logger.IsEnabled(LogLevel.Information))
            {
                _logger.LogInformation("{Method} {Path} {StatusCode} {ElapsedMs:0.0} ms",
                    context.Request.Method, context.Request.Path.Value, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
    }
}
