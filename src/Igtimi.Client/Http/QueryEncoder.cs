using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Igtimi.Client.Http
{
    /// <summary>
    /// Turns parameter values into the Igtimi form encoding: arrays as <c>name[]=v</c>, maps as
    /// <c>name[key]=v</c>, times as JS milliseconds, numbers in invariant culture.
    /// </summary>
    public static class QueryEncoder
    {
        public static IList<KeyValuePair<string, string>> Flatten(IEnumerable<KeyValuePair<string, object?>> parameters)
        {
            if (parameters is null) throw new ArgumentNullException(nameof(parameters));
            var pairs = new List<KeyValuePair<string, string>>();
            foreach (var parameter in parameters)
            {
                if (string.IsNullOrWhiteSpace(parameter.Key))
                    throw new ArgumentException("A query parameter name is empty.", nameof(parameters));
                Add(pairs, parameter.Key, parameter.Value, 0);
            }
            return pairs;
        }

        public static IList<KeyValuePair<string, string>> Flatten(IDictionary parameters)
        {
            if (parameters is null) throw new ArgumentNullException(nameof(parameters));
            var list = new List<KeyValuePair<string, object?>>();
            foreach (DictionaryEntry entry in parameters)
                list.Add(new KeyValuePair<string, object?>(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "", entry.Value));
            return Flatten(list);
        }

        private static void Add(List<KeyValuePair<string, string>> pairs, string name, object? value, int depth)
        {
            if (depth > 8) throw new ArgumentException($"Query parameter '{name}' is nested too deeply.");
            switch (value)
            {
                case null:
                    return;
                case string s:
                    pairs.Add(new KeyValuePair<string, string>(name, s));
                    return;
                case IDictionary map:
                    foreach (DictionaryEntry entry in map)
                        Add(pairs, $"{name}[{FormatScalar(entry.Key)}]", entry.Value, depth + 1);
                    return;
                case IEnumerable sequence:
                    foreach (var item in sequence)
                    {
                        if (item is IDictionary || (item is IEnumerable && item is not string))
                            throw new ArgumentException($"Query parameter '{name}' holds an array inside an array, which the Igtimi encoding cannot express.");
                        Add(pairs, name + "[]", item, depth + 1);
                    }
                    return;
                default:
                    pairs.Add(new KeyValuePair<string, string>(name, FormatScalar(value)));
                    return;
            }
        }

        public static string FormatScalar(object? value)
        {
            switch (value)
            {
                case null: return "";
                case string s: return s;
                case bool b: return b ? "true" : "false";
                case DateTimeOffset dto: return UnixTime.ToMilliseconds(dto).ToString(CultureInfo.InvariantCulture);
                case DateTime dt: return UnixTime.ToMilliseconds(dt).ToString(CultureInfo.InvariantCulture);
                case double d: return d.ToString("R", CultureInfo.InvariantCulture);
                case float f: return f.ToString("R", CultureInfo.InvariantCulture);
                case Enum e: return e.ToString().ToLowerInvariant();
                case IFormattable formattable: return formattable.ToString(null, CultureInfo.InvariantCulture);
                default: return value.ToString() ?? "";
            }
        }

        /// <summary>Form-encodes pairs (application/x-www-form-urlencoded; brackets escaped as %5B %5D).</summary>
        public static string Encode(IEnumerable<KeyValuePair<string, string>> pairs)
        {
            var builder = new StringBuilder();
            foreach (var pair in pairs)
            {
                if (builder.Length > 0) builder.Append('&');
                builder.Append(Uri.EscapeDataString(pair.Key)).Append('=').Append(Uri.EscapeDataString(pair.Value));
            }
            return builder.ToString();
        }
    }
}
