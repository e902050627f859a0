using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Bob.Hosting.Logging;

/// <summary>
/// One flat JSON object per line: <c>Timestamp</c>, <c>Level</c>, <c>Category</c>, <c>Message</c>, the event's own
/// values, then every scope's values as top-level fields (<c>TraceId</c>, <c>SpanId</c>, <c>RequestId</c>...).
/// Flat fields are what log shippers index; an inner scope wins over an outer one with the same name, so Bob's
/// request id replaces the connection-based one ASP.NET Core puts in its hosting scope.
/// </summary>
public sealed class JsonLineFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "bob-json";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        scopeProvider?.ForEachScope(static (scope, into) => AddValues(into, scope), fields);
        AddValues(fields, logEntry.State);
        fields.Remove("{OriginalFormat}");

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("Timestamp", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("Level", logEntry.LogLevel.ToString());
            json.WriteString("Category", logEntry.Category);
            json.WriteString("Message", message);
            if (logEntry.EventId.Id != 0)
            {
                json.WriteNumber("EventId", logEntry.EventId.Id);
            }
            if (logEntry.Exception is not null)
            {
                json.WriteString("Exception", logEntry.Exception.ToString());
            }
            foreach (var (key, value) in fields)
            {
                if (key is "Timestamp" or "Level" or "Category" or "Message" or "EventId" or "Exception")
                {
                    continue;
                }
                WriteValue(json, key, value);
            }
            json.WriteEndObject();
        }
        textWriter.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        textWriter.Write(Environment.NewLine);
    }

    private static void AddValues(Dictionary<string, object?> into, object? state)
    {
        if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            foreach (var (key, value) in pairs)
            {
                into[key] = value;
            }
        }
        else if (state is IEnumerable<KeyValuePair<string, object>> objects)
        {
            foreach (var (key, value) in objects)
            {
                into[key] = value;
            }
        }
    }

    private static void WriteValue(Utf8JsonWriter json, string key, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNull(key);
                break;
            case bool flag:
                json.WriteBoolean(key, flag);
                break;
            case int or long or short or byte or uint or ulong or ushort:
                json.WriteNumber(key, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case double or float or decimal:
                json.WriteNumber(key, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                json.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
    }
}
