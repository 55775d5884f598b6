using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using Igtimi.Client.Models;

namespace Igtimi.Client.Dialects.IgtimiCom
{
    /// <summary>
    /// Reads the XML of <c>sessions/{id}/logs</c>: <c>session/content/log/log_entry</c> elements with
    /// id, created_at and one data child (device, object, object_data or metadata).
    /// </summary>
    public static class SessionLogReader
    {
        public static IReadOnlyList<IgtimiSessionLogEntry> Read(Stream xml, long sessionId)
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
            using var reader = XmlReader.Create(xml, settings);
            var document = XDocument.Load(reader);
            var entries = document.Descendants().Where(e => e.Name.LocalName == "log_entry").ToList();
            var root = document.Root?.Name.LocalName ?? "";
            if (entries.Count == 0 && root != "session" && root != "log" && root != "content")
                throw new InvalidDataException($"the XML is not a session log (its root element is <{SafeTextOf(root)}>, not <session>)");
            return entries.Select(e => ReadEntry(e, sessionId)).ToList();
        }

        public static IgtimiSessionLogEntry ReadEntry(XElement element, long sessionId)
        {
            var entry = new IgtimiSessionLogEntry
            {
                SessionId = sessionId,
                Id = Long(Child(element, "id")?.Value),
                CreatedAt = Time(Child(element, "created_at")?.Value),
                RawXml = element.ToString(SaveOptions.DisableFormatting),
            };
            var data = Child(element, "data")?.Elements().FirstOrDefault();
            if (data is null)
            {
                entry.Kind = IgtimiLogEntryKind.Unknown;
                return entry;
            }
            entry.DataName = data.Name.LocalName;
            Flatten(data, "", entry.Properties);
            switch (entry.DataName)
            {
                case "device":
                    entry.Kind = IgtimiLogEntryKind.DeviceLink;
                    entry.ObjectId = Text(data, "object_id");
                    entry.SerialNumber = Text(data, "serial_number");
                    break;
                case "object":
                    entry.Kind = IgtimiLogEntryKind.RaceObject;
                    entry.ObjectId = Text(data, "object_id") ?? Text(data, "id");
                    entry.ObjectType = Text(data, "type");
                    entry.Name = Text(data, "name");
                    break;
                case "object_data":
                    entry.Kind = IgtimiLogEntryKind.RaceObjectData;
                    entry.ObjectId = Text(data, "object_id");
                    var content = Child(data, "object_content") ?? data;
                    entry.ObjectType = Text(content, "type");
                    entry.Name = Text(content, "name");
                    entry.BoatNumber = Text(content, "boat_number");
                    entry.Crew = Text(content, "crew");
                    entry.Country = Text(content, "country");
                    entry.BuoyType = Text(content, "buoy_type");
                    entry.ConnectedBuoy = Text(content, "connected_buoy");
                    entry.Positions = content.Descendants().Where(e => e.Name.LocalName == "position")
                        .Select(p => (Lat: Double(Text(p, "latitude")), Lon: Double(Text(p, "longitude"))))
                        .Where(p => p.Lat.HasValue && p.Lon.HasValue)
                        .Select(p => new IgtimiPosition(p.Lat!.Value, p.Lon!.Value)).ToList();
                    break;
                case "metadata":
                    entry.Kind = IgtimiLogEntryKind.Metadata;
                    var item = data.Elements().FirstOrDefault();
                    entry.MetadataName = item?.Name.LocalName;
                    if (item?.Name.LocalName == "manual_wind")
                    {
                        entry.ManualWindSpeedKmh = Double(Text(item, "strength"));
                        entry.ManualWindDirection = Double(Text(item, "direction"));
                    }
                    else if (item?.Name.LocalName == "course_direction")
                    {
                        entry.CourseDirection = Double(item.Value);
                    }
                    break;
                default:
                    entry.Kind = IgtimiLogEntryKind.Unknown;
                    break;
            }
            return entry;
        }

        private static void Flatten(XElement element, string prefix, IDictionary<string, string> into)
        {
            foreach (var child in element.Elements())
            {
                var path = prefix.Length == 0 ? child.Name.LocalName : prefix + "/" + child.Name.LocalName;
                if (child.HasElements) Flatten(child, path, into);
                else
                {
                    var key = path;
                    for (var n = 2; into.ContainsKey(key); n++) key = $"{path}[{n}]";
                    into[key] = child.Value;
                }
            }
        }

        private static string SafeTextOf(string text) => Igtimi.Client.Http.SafeText.Excerpt(text, 40);

        private static XElement? Child(XElement parent, string name) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == name);

        private static string? Text(XElement parent, string name)
        {
            var value = Child(parent, name)?.Value;
            return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
        }

        private static long? Long(string? text) =>
            long.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : (long?)null;

        private static double? Double(string? text) =>
            double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : (double?)null;

        private static DateTimeOffset? Time(string? text) =>
            DateTimeOffset.TryParse(text?.Trim(), CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
                ? value : (DateTimeOffset?)null;
    }
}
