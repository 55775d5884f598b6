using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Igtimi.Client.Http;

namespace Igtimi.Client.Json
{
    /// <summary>
    /// Reads JS timestamps (ms since the epoch, UTC) as integers or floats (igtimi.com sent
    /// <c>1443832204000.0</c>), numeric strings or ISO-8601 strings; null stays null.
    /// </summary>
    public sealed class JsTimeConverter : JsonConverter<DateTimeOffset?>
    {
        public override bool HandleNull => true;

        private const double FarFutureLimit = 1e16;

        public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return null;
                case JsonTokenType.Number:
                    return Time(reader.TryGetDouble(out var number) ? number : double.NaN, reader);
                case JsonTokenType.String:
                    var text = reader.GetString();
                    if (string.IsNullOrWhiteSpace(text)) return null;
                    if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)) return Time(ms, reader);
                    if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                            out var parsed)) return parsed;
                    throw new JsonException($"'{text}' is not a time.");
                default:
                    throw new JsonException($"A time was expected, not {reader.TokenType}.");
            }
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
        {
            if (value is null) writer.WriteNullValue();
            else writer.WriteNumberValue(UnixTime.ToMilliseconds(value.Value));
        }

        private static DateTimeOffset Time(double milliseconds, Utf8JsonReader reader)
        {
            if (UnixTime.TryFromMilliseconds(milliseconds, out var time)) return time;
            // An object's far-future end means "forever" (igtimi-api-2013.md section 6.2): a little past the year 9999 it is clamped,
            // not refused; numbers far beyond any calendar (1e16 ms is the year 318,857) stay absurd answers.
            if (milliseconds > UnixTime.MaxRepresentable && milliseconds < FarFutureLimit) return DateTimeOffset.MaxValue;
            var raw = reader.HasValueSequence ? "" : System.Text.Encoding.UTF8.GetString(reader.ValueSpan.ToArray());
            throw new JsonException($"{SafeText.Excerpt(raw, 40)} is not a time (ms since 1970 between the years 1 and 9999).");
        }
    }

    /// <summary>Reads ids that a server may send as 17315 or 17315.0 or "17315".</summary>
    public sealed class LenientInt64Converter : JsonConverter<long?>
    {
        public override bool HandleNull => true;

        public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null: return null;
                case JsonTokenType.Number:
                    if (reader.TryGetInt64(out var whole)) return whole;
                    var d = reader.GetDouble();
                    if (Math.Abs(d % 1) > 0 || d > long.MaxValue || d < long.MinValue) throw new JsonException($"{d} is not an id.");
                    return (long)d;
                case JsonTokenType.String:
                    var text = reader.GetString();
                    if (string.IsNullOrWhiteSpace(text)) return null;
                    if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)) return parsed;
                    throw new JsonException($"'{text}' is not an id.");
                default:
                    throw new JsonException($"An id was expected, not {reader.TokenType}.");
            }
        }

        public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
        {
            if (value is null) writer.WriteNullValue(); else writer.WriteNumberValue(value.Value);
        }
    }
}
