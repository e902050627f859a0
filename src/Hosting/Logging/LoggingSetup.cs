using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Bob.Hosting.Logging;

/// <summary>
/// Console logs for every Bob process. Flat JSON lines (<see cref="JsonLineFormatter"/>: request id, trace and span ids as fields) when
/// <c>Bob:Logging:Format</c> is <c>json</c>, or by default in Production when output is not a terminal (containers,
/// log shippers); one readable line per event otherwise (<c>deploy/run.sh</c> on a terminal, development).
/// </summary>
public static class LoggingSetup
{
    public const string FormatKey = "Bob:Logging:Format";

    public static IHostApplicationBuilder AddBobLogging(this IHostApplicationBuilder builder)
    {
        var json = UsesJson(builder.Configuration, builder.Environment, Console.IsOutputRedirected);
        builder.Logging.ClearProviders();
        if (json)
        {
            builder.Logging.AddConsole(o => o.FormatterName = JsonLineFormatter.FormatterName)
                .AddConsoleFormatter<JsonLineFormatter, ConsoleFormatterOptions>();
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        }
        // Every line written inside a request or a traced grain call carries its trace and span ids.
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        return builder;
    }

    /// <summary><c>json</c> or <c>text</c> when set (the older <c>Bob:Logging:Json=true</c> still means json); else json in Production off a terminal.</summary>
    public static bool UsesJson(IConfiguration configuration, IHostEnvironment environment, bool outputRedirected)
    {
        var format = configuration[FormatKey]?.Trim().ToLowerInvariant();
        return format switch
        {
            "json" => true,
            "text" => false,
            null or "" or "auto" => configuration.GetValue("Bob:Logging:Json", false) || (environment.IsProduction() && outputRedirected),
            _ => throw new Microsoft.Extensions.Options.OptionsValidationException(FormatKey, typeof(string),
                [$"{FormatKey} must be json, text or auto (got '{configuration[FormatKey]}')."]),
        };
    }
}
