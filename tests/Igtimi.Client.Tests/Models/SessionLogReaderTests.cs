using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Igtimi.Client.Dialects.IgtimiCom;
using Igtimi.Client.Models;
using Xunit;

namespace Igtimi.Client.Tests.Models;

public class SessionLogReaderTests
{
    private const string FixtureName = "tracker-scraper_session_log_entries_xml2json.jsonl";
    private const long SessionId = 17315;

    /// <summary>
    /// Undoes xml2json for one value: an object becomes child elements, an array becomes repeated
    /// elements of the same name, a scalar becomes the element's text.
    /// </summary>
    private static IEnumerable<XElement> ToXml(string name, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                    foreach (var element in ToXml(name, item)) yield return element;
                break;
            case JsonValueKind.Object:
                var parent = new XElement(name);
                foreach (var member in value.EnumerateObject()) parent.Add(ToXml(member.Name, member.Value));
                yield return parent;
                break;
            case JsonValueKind.String:
                yield return new XElement(name, value.GetString());
                break;
            case JsonValueKind.Null:
                yield return new XElement(name);
                break;
            default:
                yield return new XElement(name, value.GetRawText());
                break;
        }
    }

    /// <summary>The XML document the scraper's xml2json lines came from: session/content/log/log_entry*.</summary>
    private static XDocument RebuildFixtureXml()
    {
        var log = new XElement("log");
        foreach (var line in Fixtures.Lines(FixtureName))
        {
            using var document = JsonDocument.Parse(line);
            log.Add(ToXml("log_entry", document.RootElement));
        }
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), new XElement("session", new XElement("content", log)));
    }

    private static IReadOnlyList<IgtimiSessionLogEntry> Read(XDocument document)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 4096, leaveOpen: true)) document.Save(writer);
        stream.Position = 0;
        return SessionLogReader.Read(stream, SessionId);
    }

    private static IReadOnlyList<IgtimiSessionLogEntry> Read(string xml)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml));
        return SessionLogReader.Read(stream, SessionId);
    }

    [Fact]
    public void Rebuilt_xml_has_the_documented_shape()
    {
        var xml = RebuildFixtureXml().Root!.ToString(SaveOptions.DisableFormatting);
        Assert.StartsWith(
            "<session><content><log><log_entry><id>4739576</id><created_at>2020-02-21T08:53:48.957Z</created_at>" +
            "<data><metadata><manual_wind><strength>22.224</strength><direction>250</direction></manual_wind></metadata></data></log_entry>",
            xml);
    }

    [Fact]
    public void Fixture_entries_are_read()
    {
        var entries = Read(RebuildFixtureXml());

        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(SessionId, e.SessionId));
        Assert.All(entries, e => Assert.Equal(IgtimiLogEntryKind.Metadata, e.Kind));
        Assert.All(entries, e => Assert.Equal("metadata", e.DataName));
        Assert.Equal(new long?[] { 4739576, 4739577 }, entries.Select(e => e.Id));

        Assert.Equal(new DateTimeOffset(2020, 2, 21, 8, 53, 48, 957, TimeSpan.Zero), entries[0].CreatedAt);
        Assert.Equal(new DateTimeOffset(2020, 2, 21, 8, 53, 48, 968, TimeSpan.Zero), entries[1].CreatedAt);
        Assert.All(entries, e => Assert.Equal(TimeSpan.Zero, e.CreatedAt!.Value.Offset));
    }

    [Fact]
    public void Manual_wind_entry()
    {
        var wind = Read(RebuildFixtureXml())[0];

        Assert.Equal("manual_wind", wind.MetadataName);
        Assert.Equal(22.224, wind.ManualWindSpeedKmh!.Value, 6);
        Assert.InRange(wind.ManualWindSpeedKnots!.Value, 11.99, 12.01);
        Assert.Equal(250.0, wind.ManualWindDirection);
        Assert.Null(wind.CourseDirection);
        Assert.Equal("manual wind 12 kn from 250°", wind.Summary);
        Assert.Equal("manual wind 12 kn from 250°", wind.ToString());
        Assert.Equal(
            new Dictionary<string, string> { ["manual_wind/strength"] = "22.224", ["manual_wind/direction"] = "250" },
            wind.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value));

        var raw = XElement.Parse(wind.RawXml!);
        Assert.Equal("log_entry", raw.Name.LocalName);
        Assert.Equal("4739576", raw.Element("id")!.Value);
    }

    [Fact]
    public void Course_direction_entry()
    {
        var course = Read(RebuildFixtureXml())[1];

        Assert.Equal("course_direction", course.MetadataName);
        Assert.Equal(250.0, course.CourseDirection);
        Assert.Null(course.ManualWindSpeedKmh);
        Assert.Null(course.ManualWindSpeedKnots);
        Assert.Null(course.ManualWindDirection);
        Assert.Equal("course direction 250°", course.Summary);
        Assert.Equal("250", Assert.Single(course.Properties, p => p.Key == "course_direction").Value);
        Assert.Single(course.Properties);
    }

    private const string HandWritten = """
        <?xml version="1.0" encoding="UTF-8"?>
        <session>
          <content>
            <log>
              <log_entry>
                <id>5000001</id>
                <created_at>2020-02-21T09:00:00.125Z</created_at>
                <data>
                  <device>
                    <object_id>7</object_id>
                    <serial_number>DC-GD-AADE</serial_number>
                  </device>
                </data>
              </log_entry>
              <log_entry>
                <id>5000002</id>
                <created_at>2020-02-21T09:00:01Z</created_at>
                <data>
                  <object_data>
                    <object_id>7</object_id>
                    <object_content>
                      <type>yacht</type>
                      <name>Hot Rum</name>
                      <boat_number>42</boat_number>
                      <crew>A. Skipper, B. Trimmer</crew>
                      <country>NZL</country>
                    </object_content>
                  </object_data>
                </data>
              </log_entry>
              <log_entry>
                <id>5000003</id>
                <created_at>2020-02-21T09:00:02Z</created_at>
                <data>
                  <object_data>
                    <object_id>8</object_id>
                    <object_content>
                      <type>buoy</type>
                      <name>Pin</name>
                      <buoy_type>start_pin</buoy_type>
                      <connected_buoy>9</connected_buoy>
                      <positions>
                        <position><latitude>-43.8125</latitude><longitude>172.9667</longitude></position>
                        <position><latitude>-43.8130</latitude><longitude>172.9671</longitude></position>
                      </positions>
                    </object_content>
                  </object_data>
                </data>
              </log_entry>
              <log_entry>
                <id>5000004</id>
                <created_at>2020-02-21T09:00:03Z</created_at>
                <data>
                  <viewer_layout>
                    <panel>wind</panel>
                    <zoom>14</zoom>
                  </viewer_layout>
                </data>
              </log_entry>
            </log>
          </content>
        </session>
        """;

    [Fact]
    public void Hand_written_entries_get_their_kinds()
    {
        var entries = Read(HandWritten);

        Assert.Equal(
            new[] { IgtimiLogEntryKind.DeviceLink, IgtimiLogEntryKind.RaceObjectData, IgtimiLogEntryKind.RaceObjectData, IgtimiLogEntryKind.Unknown },
            entries.Select(e => e.Kind));
        Assert.Equal(new long?[] { 5000001, 5000002, 5000003, 5000004 }, entries.Select(e => e.Id));
        Assert.Equal(new DateTimeOffset(2020, 2, 21, 9, 0, 0, 125, TimeSpan.Zero), entries[0].CreatedAt);
    }

    [Fact]
    public void Device_link_entry()
    {
        var link = Read(HandWritten)[0];

        Assert.Equal("device", link.DataName);
        Assert.Equal("7", link.ObjectId);
        Assert.Equal("DC-GD-AADE", link.SerialNumber);
        Assert.Equal("object 7 → device DC-GD-AADE", link.Summary);
    }

    [Fact]
    public void Yacht_entry()
    {
        var yacht = Read(HandWritten)[1];

        Assert.Equal("object_data", yacht.DataName);
        Assert.Equal("7", yacht.ObjectId);
        Assert.Equal("yacht", yacht.ObjectType);
        Assert.Equal("Hot Rum", yacht.Name);
        Assert.Equal("42", yacht.BoatNumber);
        Assert.Equal("A. Skipper, B. Trimmer", yacht.Crew);
        Assert.Equal("NZL", yacht.Country);
        Assert.Null(yacht.BuoyType);
        Assert.Empty(yacht.Positions);
        Assert.Equal("yacht Hot Rum #42", yacht.Summary);
        Assert.Equal("Hot Rum", yacht.Properties["object_content/name"]);
        Assert.Equal("42", yacht.Properties["object_content/boat_number"]);
        Assert.Equal("A. Skipper, B. Trimmer", yacht.Properties["object_content/crew"]);
        Assert.Equal("NZL", yacht.Properties["object_content/country"]);
        Assert.Equal("7", yacht.Properties["object_id"]);
        Assert.Equal(6, yacht.Properties.Count);
    }

    [Fact]
    public void Buoy_entry_with_two_positions()
    {
        var buoy = Read(HandWritten)[2];

        Assert.Equal("buoy", buoy.ObjectType);
        Assert.Equal("Pin", buoy.Name);
        Assert.Equal("start_pin", buoy.BuoyType);
        Assert.Equal("9", buoy.ConnectedBuoy);
        Assert.Equal(2, buoy.Positions.Count);
        Assert.Equal(-43.8125, buoy.Positions[0].Latitude, 10);
        Assert.Equal(172.9667, buoy.Positions[0].Longitude, 10);
        Assert.Equal(-43.8130, buoy.Positions[1].Latitude, 10);
        Assert.Equal(172.9671, buoy.Positions[1].Longitude, 10);
        Assert.Equal("-43.8125, 172.9667", buoy.Positions[0].ToString());
        Assert.Equal("buoy Pin at -43.8125, 172.9667", buoy.Summary);

        // Every leaf is kept, repeated paths numbered.
        var expected = new Dictionary<string, string>
        {
            ["object_id"] = "8",
            ["object_content/type"] = "buoy",
            ["object_content/name"] = "Pin",
            ["object_content/buoy_type"] = "start_pin",
            ["object_content/connected_buoy"] = "9",
            ["object_content/positions/position/latitude"] = "-43.8125",
            ["object_content/positions/position/longitude"] = "172.9667",
            ["object_content/positions/position/latitude[2]"] = "-43.8130",
            ["object_content/positions/position/longitude[2]"] = "172.9671",
        };
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), buoy.Properties.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Unknown_data_child_keeps_its_values()
    {
        var unknown = Read(HandWritten)[3];

        Assert.Equal(IgtimiLogEntryKind.Unknown, unknown.Kind);
        Assert.Equal("viewer_layout", unknown.DataName);
        Assert.Equal("viewer_layout", unknown.Summary);
        Assert.Equal("wind", unknown.Properties["panel"]);
        Assert.Equal("14", unknown.Properties["zoom"]);
        Assert.Contains("<panel>wind</panel>", unknown.RawXml);
    }

    [Fact]
    public void Numbers_and_summaries_do_not_depend_on_the_current_culture()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            var wind = Read(RebuildFixtureXml())[0];
            Assert.Equal(22.224, wind.ManualWindSpeedKmh!.Value, 6);
            Assert.Equal("manual wind 12 kn from 250°", wind.Summary);

            var buoy = Read(HandWritten)[2];
            Assert.Equal(-43.8125, buoy.Positions[0].Latitude, 10);
            Assert.Equal("buoy Pin at -43.8125, 172.9667", buoy.Summary);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Entry_without_data_is_unknown()
    {
        var entry = Assert.Single(Read("<session><content><log><log_entry><id>1</id></log_entry></log></content></session>"));
        Assert.Equal(IgtimiLogEntryKind.Unknown, entry.Kind);
        Assert.Null(entry.DataName);
        Assert.Null(entry.CreatedAt);
        Assert.Equal("unknown", entry.Summary);
    }

    [Fact]
    public void Empty_log_gives_no_entries()
    {
        Assert.Empty(Read("<session><content><log/></content></session>"));
    }

    [Fact]
    public void Dtd_is_refused()
    {
        const string xml = "<?xml version=\"1.0\"?><!DOCTYPE session [<!ENTITY x \"boom\">]><session><content><log/></content></session>";
        Assert.ThrowsAny<System.Xml.XmlException>(() => Read(xml));
    }
}
