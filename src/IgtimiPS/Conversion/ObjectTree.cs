using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using Igtimi.Client.Json;

namespace IgtimiPS.Conversion
{
    /// <summary>Moves values between PowerShell objects and the client's plain JSON value trees.</summary>
    internal static class ObjectTree
    {
        private const int MaxDepth = 64;

        public static object? ToPSObject(object? value)
        {
            switch (value)
            {
                case JsonObjectMembers members:
                    var result = new PSObject();
                    foreach (var member in members)
                    {
                        var existing = result.Properties[member.Key];
                        if (existing != null) result.Properties.Remove(member.Key);
                        result.Properties.Add(new PSNoteProperty(member.Key, ToPSObject(member.Value)));
                    }
                    return result;
                case List<object?> list:
                    var array = new object?[list.Count];
                    for (var i = 0; i < list.Count; i++) array[i] = ToPSObject(list[i]);
                    return array;
                default:
                    return value;
            }
        }

        public static object? ToHashtable(object? value)
        {
            switch (value)
            {
                case JsonObjectMembers members:
                    var table = new Hashtable(StringComparer.OrdinalIgnoreCase);
                    foreach (var member in members) table[member.Key] = ToHashtable(member.Value);
                    return table;
                case List<object?> list:
                    var array = new object?[list.Count];
                    for (var i = 0; i < list.Count; i++) array[i] = ToHashtable(list[i]);
                    return array;
                default:
                    return value;
            }
        }

        /// <summary>Turns hashtables, PSCustomObjects and arrays into dictionaries and lists that serialize as JSON.</summary>
        public static object? FromPowerShell(object? value, int depth = 0)
        {
            if (depth > MaxDepth) throw new ArgumentException($"The body is nested deeper than {MaxDepth} levels.");
            if (value is PSObject wrapped)
            {
                if (wrapped.BaseObject is PSCustomObject)
                {
                    var map = new Dictionary<string, object?>();
                    foreach (var property in wrapped.Properties)
                        if (property.IsGettable) map[property.Name] = FromPowerShell(property.Value, depth + 1);
                    return map;
                }
                value = wrapped.BaseObject;
            }
            switch (value)
            {
                case null: return null;
                case string _: return value;
                case IDictionary dictionary:
                    var map = new Dictionary<string, object?>();
                    foreach (DictionaryEntry entry in dictionary)
                        map[Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? ""] = FromPowerShell(entry.Value, depth + 1);
                    return map;
                case IEnumerable sequence:
                    var list = new List<object?>();
                    foreach (var item in sequence) list.Add(FromPowerShell(item, depth + 1));
                    return list;
                default:
                    return value;
            }
        }

        /// <summary>A query or form hashtable as plain dictionaries, lists and scalars, for the encoder.</summary>
        public static IDictionary UnwrapQuery(IDictionary query) => (IDictionary)FromPowerShell(query)!;
    }
}
