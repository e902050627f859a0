using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Bob.Grains.Abstractions.Common;

namespace Bob.Web.Http;

/// <summary>
/// Applies <see cref="StorableText"/> to every string any request body binds, present and future: a body with a NUL
/// in any string field fails binding, and <see cref="BobExceptionHandler"/> answers 400 <c>validation_failed</c>
/// naming the field. (Lone surrogates never get this far: the JSON reader refuses them as invalid JSON.)
/// </summary>
public sealed class StorableTextJsonConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return StorableText.IsStorable(text) ? text : throw new UnstorableTextException();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>A body string that breaks <see cref="StorableText"/>; the serializer fills in <see cref="JsonException.Path"/>.</summary>
public sealed partial class UnstorableTextException : JsonException
{
    public UnstorableTextException()
        : base(null)
    {
    }

    /// <summary>The body field the path names, e.g. <c>$.tags[2]</c> → <c>tags</c>, <c>$.persona.name</c> → <c>persona.name</c>.</summary>
    public string Field => FieldOf(Path);

    public static string FieldOf(string? path)
    {
        var field = Indexes().Replace(path ?? "", "");
        field = QuotedNames().Replace(field, m => "." + m.Groups[1].Value);
        return field.TrimStart('$').TrimStart('.') is { Length: > 0 } name ? name : "body";
    }

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Indexes();

    [GeneratedRegex(@"\['((?:[^']|'')*)'\]")]
    private static partial Regex QuotedNames();
}
