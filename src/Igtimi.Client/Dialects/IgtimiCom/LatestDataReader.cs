using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Igtimi.Client.Data;
using Igtimi.Client.Http;

namespace Igtimi.Client.Dialects.IgtimiCom
{
    /// <summary>The igtimi.com answer of <c>resources/data/latest</c>: the latest sample of one type per device.</summary>
    public static class LatestDataReader
    {
        /// <summary>
        /// Reads <c>{"latest_data":[{"latest_datum":{serial_number, resource_id, c1, c2, …, timestamp}}]}</c>.
        /// Keys are trimmed (the docs show <c>" resource_id"</c>); the DSI is 0 as the API gives none.
        /// A body of another shape is an <see cref="IgtimiPayloadException"/>; a datum without a usable
        /// serial or time is left out with a warning.
        /// </summary>
        public static IReadOnlyList<IgtimiDataPoint> Parse(ReadOnlyMemory<byte> json, int type, Action<string>? warning = null)
        {
            var head = json.Slice(0, Math.Min(json.Length, 256)).ToArray();
            try
            {
                using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
                return Read(document.RootElement, type, warning);
            }
            catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException || ex is FormatException)
            {
                var problem = json.Length == 0 ? "the body is empty where latest data was expected"
                    : ex is InvalidOperationException ? "the body holds text that is not valid UTF-8"
                    : $"the body is not latest data ({SafeText.Excerpt(ex.Message, 200)})";
                throw new IgtimiPayloadException(problem, head, head.Length, ex);
            }
        }

        private static IReadOnlyList<IgtimiDataPoint> Read(JsonElement root, int type, Action<string>? warning)
        {
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error))
            {
                var reason = root.TryGetProperty("reason", out var r) ? Text(r) : null;
                throw new IgtimiApiException($"The server answered with an error instead of data: {Text(error)}.", null, SafeText.Excerpt(Text(error), 200),
                    reason is null ? null : SafeText.Excerpt(reason, 1000), null, null, kind: IgtimiErrorKind.ApiError);
            }
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("latest_data", out var list) || list.ValueKind != JsonValueKind.Array)
                throw new JsonException("there is no 'latest_data' array");
            var points = new List<IgtimiDataPoint>();
            var skipped = new List<string>();
            var skippedCount = 0;
            foreach (var item in list.EnumerateArray())
            {
                var datum = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("latest_datum", out var inner) ? inner : item;
                if (datum.ValueKind != JsonValueKind.Object)
                {
                    Skip($"an item is {datum.ValueKind.ToString().ToLowerInvariant()}, not an object");
                    continue;
                }
                string? serial = null;
                double? time = null;
                var components = new SortedDictionary<int, double>();
                foreach (var member in datum.EnumerateObject())
                {
                    var name = member.Name.Trim();
                    if (name == "serial_number") serial = member.Value.ValueKind == JsonValueKind.String ? member.Value.GetString() : null;
                    else if (name == "timestamp") time = Number(member.Value);
                    else if (name.Length > 1 && name.Length < 5 && name[0] == 'c' &&
                             int.TryParse(name.Substring(1), NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k >= 1 && k <= 64)
                        components[k] = Number(member.Value) ?? double.NaN;
                }
                if (string.IsNullOrWhiteSpace(serial))
                {
                    Skip("a datum has no serial_number text");
                    continue;
                }
                if (time is null || double.IsNaN(time.Value) || double.IsInfinity(time.Value) || Math.Abs(time.Value) > 9e18 ||
                    !UnixTime.IsPlausible((long)Math.Round(time.Value)))
                {
                    Skip($"{SafeText.Excerpt(serial, 40)} has no plausible timestamp ({(time.HasValue ? UnixTime.Describe(time.Value) : "none")})");
                    continue;
                }
                var values = new double[components.Count == 0 ? 0 : components.Keys.Max()];
                for (var i = 0; i < values.Length; i++) values[i] = components.TryGetValue(i + 1, out var v) ? v : double.NaN;
                points.Add(IgtimiDataPoints.Create(serial!.Trim(), type, 0, (long)Math.Round(time.Value), values));
            }
            if (skippedCount > 0)
                warning?.Invoke($"{skippedCount} latest value(s) were left out: {string.Join("; ", skipped)}" +
                                $"{(skippedCount > skipped.Count ? $"; and {skippedCount - skipped.Count} more" : "")}.");
            return points;

            void Skip(string why)
            {
                skippedCount++;
                if (skipped.Count < 5) skipped.Add(why);
            }
        }

        private static string? Text(JsonElement value) =>
            value.ValueKind == JsonValueKind.String ? value.GetString() : value.ValueKind == JsonValueKind.Null ? null : value.GetRawText();

        private static double? Number(JsonElement value) =>
            value.ValueKind == JsonValueKind.Number ? (value.TryGetDouble(out var n) ? n : double.NaN) :
            value.ValueKind == JsonValueKind.String &&
                double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : (double?)null;
    }
}
