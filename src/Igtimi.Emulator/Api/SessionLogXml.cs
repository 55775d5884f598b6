using System.Globalization;
using System.Xml.Linq;

namespace Igtimi.Emulator.Api;

/// <summary>
/// Writes a session log as igtimi.com's <c>sessions/{id}/logs</c> XML, shaped so that xml2json gives the structure
/// the scrapers saw: <c>session &gt; content &gt; log &gt; log_entry[] { id, created_at, data { one child } }</c>.
/// Every value is element text; there are no attributes.
/// </summary>
internal static class SessionLogXml
{
    /// <summary>The session's log; with <paramref name="since"/> (<c>start_time</c>), only the entries created at or after it.</summary>
    public static string Write(EmulatorSession session, DateTimeOffset? since = null)
    {
        var root = new XElement("session",
            new XElement("content",
                new XElement("log", session.Log.Where(e => since is null || e.CreatedAt >= since).Select(Entry))));
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root.ToString(SaveOptions.None) + "\n";
    }

    private static XElement Entry(EmulatorSessionLogEntry entry) =>
        new("log_entry",
            new XElement("id", Text(entry.Id)),
            new XElement("created_at", entry.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
            new XElement("data", Data(entry.Data)));

    private static XElement Data(EmulatorSessionLogData data) => data switch
    {
        EmulatorLogDevice d => new XElement("device",
            new XElement("object_id", Text(d.ObjectId)),
            new XElement("serial_number", d.SerialNumber)),
        EmulatorLogObject o => new XElement("object_data",
            new XElement("object_id", Text(o.Object.Id)),
            ObjectContent(o.Object)),
        EmulatorLogManualWind w => new XElement("metadata",
            new XElement("manual_wind",
                new XElement("strength", w.StrengthKmh.ToString("0.###", CultureInfo.InvariantCulture)),
                new XElement("direction", Text(w.Direction)))),
        EmulatorLogCourseDirection c => new XElement("metadata",
            new XElement("course_direction", Text(c.Direction))),
        _ => throw new NotSupportedException(data.GetType().Name),
    };

    private static XElement ObjectContent(EmulatorRaceObject o)
    {
        var content = new XElement("object_content",
            new XElement("type", o.Type.ToString().ToLowerInvariant()),
            new XElement("name", o.Name));
        void Optional(string name, string? value)
        {
            if (value is not null)
                content.Add(new XElement(name, value));
        }
        Optional("boat_number", o.BoatNumber);
        Optional("crew", o.Crew);
        Optional("country", o.Country);
        Optional("buoy_type", o.BuoyType);
        Optional("connected_buoy", o.ConnectedBuoyId is long id ? Text(id) : null);
        if (o.Latitude is double lat && o.Longitude is double lon)
        {
            content.Add(new XElement("positions",
                new XElement("position",
                    new XElement("latitude", lat.ToString("0.######", CultureInfo.InvariantCulture)),
                    new XElement("longitude", lon.ToString("0.######", CultureInfo.InvariantCulture)))));
        }
        return content;
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
