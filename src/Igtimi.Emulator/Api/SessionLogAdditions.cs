using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Igtimi.Emulator.Api;

/// <summary>
/// Reads the XML of <c>POST sessions/{id}/logs</c>: <c>log_entry</c> elements of the shape <see cref="SessionLogXml"/> writes
/// (under any root), each with one <c>data</c> child; ids and creation times are the server's. Anything else is refused with
/// the reason, which the endpoint sends with a 403 (docs/design/igtimi-api-2013.md section 3.7).
/// </summary>
internal static class SessionLogAdditions
{
    public static IReadOnlyList<EmulatorSessionLogData> Read(string xml)
    {
        XDocument document;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new SessionLogFormatException($"The document is not well-formed XML: {ex.Message}");
        }
        var entries = document.Descendants("log_entry").ToList();
        if (entries.Count == 0)
            throw new SessionLogFormatException($"The document has no <log_entry> elements (its root is <{document.Root?.Name.LocalName}>).");
        return entries.Select((e, i) => Entry(e, i + 1)).ToArray();
    }

    private static EmulatorSessionLogData Entry(XElement entry, int number)
    {
        var data = entry.Element("data")?.Elements().ToList();
        if (data is not { Count: 1 })
            throw new SessionLogFormatException($"log_entry {number} must have a <data> element with exactly one child.");
        var child = data[0];
        return child.Name.LocalName switch
        {
            "device" => new EmulatorLogDevice(Long(child, "object_id", number), Text(child, "serial_number", number)),
            "object_data" => new EmulatorLogObject(RaceObject(child, number)),
            "metadata" when child.Element("manual_wind") is { } wind =>
                new EmulatorLogManualWind(Double(wind, "strength", number), (int)Long(wind, "direction", number)),
            "metadata" when child.Element("course_direction") is { } course =>
                new EmulatorLogCourseDirection((int)LongValue(course.Value, "course_direction", number)),
            _ => throw new SessionLogFormatException(
                $"log_entry {number}: <{child.Name.LocalName}> is not a known log datum (device, object_data, metadata/manual_wind, metadata/course_direction)."),
        };
    }

    private static EmulatorRaceObject RaceObject(XElement data, int number)
    {
        var content = data.Element("object_content") ?? throw new SessionLogFormatException($"log_entry {number}: object_data has no <object_content>.");
        string type = Text(content, "type", number);
        if (!Enum.TryParse<EmulatorRaceObjectType>(type, ignoreCase: true, out var objectType))
            throw new SessionLogFormatException($"log_entry {number}: the object type '{type}' is not yacht, buoy or wind.");
        var position = content.Element("positions")?.Element("position");
        return new EmulatorRaceObject(Long(data, "object_id", number), objectType, Text(content, "name", number),
            Optional(content, "boat_number"), Optional(content, "crew"), Optional(content, "country"), Optional(content, "buoy_type"),
            Optional(content, "connected_buoy") is { } buoy ? LongValue(buoy, "connected_buoy", number) : null,
            position is null ? null : Double(position, "latitude", number), position is null ? null : Double(position, "longitude", number));
    }

    private static string? Optional(XElement parent, string name) => parent.Element(name)?.Value.Trim() is { Length: > 0 } v ? v : null;

    private static string Text(XElement parent, string name, int number) =>
        Optional(parent, name) ?? throw new SessionLogFormatException($"log_entry {number}: <{parent.Name.LocalName}> has no <{name}>.");

    private static long Long(XElement parent, string name, int number) => LongValue(Text(parent, name, number), name, number);

    private static long LongValue(string value, string name, int number) =>
        long.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long n)
            ? n
            : throw new SessionLogFormatException($"log_entry {number}: <{name}> is '{value}', not an integer.");

    private static double Double(XElement parent, string name, int number) =>
        double.TryParse(Text(parent, name, number), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d)
            ? d
            : throw new SessionLogFormatException($"log_entry {number}: <{name}> is not a number.");
}

internal sealed class SessionLogFormatException(string message) : Exception(message);
