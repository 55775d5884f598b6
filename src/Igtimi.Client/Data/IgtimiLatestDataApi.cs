using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Http;

namespace Igtimi.Client.Data
{
    /// <summary><c>resources/data/latest</c>: the latest sample of one type per device.</summary>
    public static class IgtimiLatestDataApi
    {
        public static async Task<IReadOnlyList<IgtimiDataPoint>> GetLatestDataAsync(this IgtimiConnection connection, int type, IReadOnlyCollection<string> serialNumbers, CancellationToken cancellationToken)
        {
            if (type <= 0) throw new ArgumentException("Data type codes are positive numbers.");
            if (serialNumbers.Count == 0) throw new ArgumentException("At least one serial number is needed.");
            var request = new IgtimiRequest(HttpMethod.Get, "resources/data/latest")
                .AddQuery("type", type)
                .AddQuery("serial_numbers", serialNumbers.Select(s => s.Trim()).ToArray());
            var result = await connection.Http.InvokeAsync(request, cancellationToken).ConfigureAwait(false);
            try
            {
                return Parse(result.Body, type);
            }
            catch (JsonException ex)
            {
                throw new IgtimiApiException($"The latest data of {result.RequestUri} is not in the expected shape: {ex.Message}", result.StatusCode, null, null, "GET", result.RequestUri);
            }
        }

        /// <summary>
        /// Reads <c>{"latest_data":[{"latest_datum":{serial_number, resource_id, c1, c2, …, timestamp}}]}</c>.
        /// Keys are trimmed (the docs show <c>" resource_id"</c>); the DSI is 0 as the API gives none.
        /// </summary>
        public static IReadOnlyList<IgtimiDataPoint> Parse(ReadOnlyMemory<byte> json, int type)
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error))
                throw new IgtimiApiException("The server answered with an error instead of data: " + error, null, error.ToString(), null, "GET", null);
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("latest_data", out var list) || list.ValueKind != JsonValueKind.Array)
                throw new JsonException("There is no 'latest_data' array.");
            var points = new List<IgtimiDataPoint>();
            foreach (var item in list.EnumerateArray())
            {
                var datum = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("latest_datum", out var inner) ? inner : item;
                string? serial = null;
                double? time = null;
                var components = new SortedDictionary<int, double>();
                foreach (var member in datum.EnumerateObject())
                {
                    var name = member.Name.Trim();
                    if (name == "serial_number") serial = member.Value.GetString();
                    else if (name == "timestamp") time = Number(member.Value);
                    else if (name.Length > 1 && name[0] == 'c' && int.TryParse(name.Substring(1), NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k >= 1)
                        components[k] = Number(member.Value) ?? double.NaN;
                }
                if (serial is null || time is null) throw new JsonException("A latest datum lacks its serial_number or timestamp.");
                var values = new double[components.Count == 0 ? 0 : components.Keys.Max()];
                for (var i = 0; i < values.Length; i++) values[i] = components.TryGetValue(i + 1, out var v) ? v : double.NaN;
                points.Add(IgtimiDataPoints.Create(serial.Trim(), type, 0, (long)Math.Round(time.Value), values));
            }
            return points;
        }

        private static double? Number(JsonElement value) =>
            value.ValueKind == JsonValueKind.Number ? value.GetDouble() :
            value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : (double?)null;
    }
}
