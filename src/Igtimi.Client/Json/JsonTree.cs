using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Igtimi.Client.Json
{
    /// <summary>
    /// A JSON document as plain .NET values: ordered dictionaries (member order kept), lists, string,
    /// long, double, decimal, bool and null. Hosts turn it into their own objects.
    /// </summary>
    public static class JsonTree
    {
        public static object? Parse(string json)
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
            return Convert(document.RootElement);
        }

        public static object? Convert(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var map = new List<KeyValuePair<string, object?>>();
                    foreach (var property in element.EnumerateObject())
                        map.Add(new KeyValuePair<string, object?>(property.Name, Convert(property.Value)));
                    return new JsonObjectMembers(map);
                case JsonValueKind.Array:
                    var list = new List<object?>(element.GetArrayLength());
                    foreach (var item in element.EnumerateArray()) list.Add(Convert(item));
                    return list;
                case JsonValueKind.String:
                    return element.GetString();
                case JsonValueKind.Number:
                    return Number(element);
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }

        private static object Number(JsonElement element)
        {
            var raw = element.GetRawText();
            var integral = raw.IndexOfAny(new[] { '.', 'e', 'E' }) < 0;
            if (integral)
            {
                if (element.TryGetInt64(out var whole)) return whole;
                if (decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var big)) return big;
            }
            return element.GetDouble();
        }
    }

    /// <summary>The members of one JSON object, in document order (names may repeat in odd payloads).</summary>
    public sealed class JsonObjectMembers : List<KeyValuePair<string, object?>>
    {
        public JsonObjectMembers(IEnumerable<KeyValuePair<string, object?>> members) : base(members) { }
    }
}
