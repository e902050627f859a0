using System.Text.Json;
using Bob.Grains.Abstractions.Audit;
using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Audit;

/// <summary>
/// How a grain records what it just did: <c>await GrainFactory.AuditAsync(tenant, AuditActions.X, target, before, after)</c>
/// once the change is stored. The actor is the signed-in caller (<see cref="AuditActor.Current"/>, carried through every
/// grain call of the request), or <see cref="AuditActor.System"/> when there is none (reminders, retention).
/// Summaries go through <see cref="AuditSummaries"/> so no secret ever reaches the log.
/// </summary>
public static class AuditTrail
{
    /// <summary>Summary strings are made storable (<see cref="StorableText"/>): a name stored before the NUL rule must not fail the entry.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new StorableStrings() } };

    public static Task<AuditEntry> AuditAsync(this IGrainFactory grains, TenantId tenant, string action, AuditTarget target,
        object? before = null, object? after = null, AuditActor? actor = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var record = new AuditRecord(actor ?? AuditActor.Current(tenant), action, target, Serialize(before), Serialize(after));
        return grains.GetGrain<IAuditLogGrain>(tenant).AppendAsync(record);
    }

    private static string? Serialize(object? summary) => summary is null ? null : JsonSerializer.Serialize(summary, Json);

    private sealed class StorableStrings : System.Text.Json.Serialization.JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString();

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(StorableText.Clean(value));
    }
}
