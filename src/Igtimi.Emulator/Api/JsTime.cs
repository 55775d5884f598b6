using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Igtimi.Emulator.Api;

/// <summary>
/// An object time (session, resource, data access window) as igtimi.com wrote it: JS milliseconds as a
/// JSON float with <c>.0</c>, e.g. <c>1443832204000.0</c> (docs/design/igtimi-api.md section 3).
/// </summary>
[JsonConverter(typeof(JsTimeConverter))]
internal readonly record struct JsTime(long Milliseconds)
{
    public static JsTime From(DateTimeOffset time) => new(time.ToUnixTimeMilliseconds());

    public static JsTime? From(DateTimeOffset? time) => time is { } t ? From(t) : null;
}

internal sealed class JsTimeConverter : JsonConverter<JsTime>
{
    public override JsTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new((long)reader.GetDouble());

    public override void Write(Utf8JsonWriter writer, JsTime value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Milliseconds.ToString(CultureInfo.InvariantCulture) + ".0", skipInputValidation: true);
}
