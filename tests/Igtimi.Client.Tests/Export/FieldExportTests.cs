using System.Text.Json;
using System.Xml.Linq;
using Igtimi.Client.Export;
using Xunit;
using static Igtimi.Client.Tests.Export.ExportTestData;

namespace Igtimi.Client.Tests.Export;

/// <summary>What the map formats carry beyond lat/lon/time: GPX slots, GPX 1.0, boat names, NMEA, KML, point features.</summary>
public class FieldExportTests
{
    private static readonly XNamespace Gpx = IgtimiGpxDataWriter.GpxNamespace;
    private static readonly XNamespace Gpx10 = IgtimiGpxDataWriter.Gpx10Namespace;
    private static readonly XNamespace Kml = IgtimiKmlDataWriter.KmlNamespace;
    private static readonly XNamespace Gx = IgtimiKmlDataWriter.GxNamespace;

    private static IgtimiExportOptions Named() =>
        new() { TrackNames = new Dictionary<string, string> { ["da-aaaa"] = "YB-1" } };

    [Fact]
    public void Gpx_fills_ele_fix_sat_and_hdop_in_schema_order()
    {
        var doc = XDocument.Parse(Write(IgtimiExportFormat.Gpx, FieldPoints()));
        var points = doc.Descendants(Gpx + "trkpt").ToList();
        Assert.Equal(new[] { "ele", "time", "fix", "sat", "hdop", "extensions" }, points[0].Elements().Select(e => e.Name.LocalName));
        Assert.Equal("3.5", (string)points[0].Element(Gpx + "ele")!);
        Assert.Equal("3d", (string)points[0].Element(Gpx + "fix")!); // quality 1 with an altitude
        Assert.Equal("dgps", (string)points[1].Element(Gpx + "fix")!);
        Assert.Null(points[2].Element(Gpx + "fix")); // quality 7 has no GPX value
        Assert.Equal("9", (string)points[0].Element(Gpx + "sat")!);
        Assert.Equal("0.8", (string)points[0].Element(Gpx + "hdop")!);
        // Boat B has none of these.
        Assert.Equal(new[] { "time" }, points[3].Elements().Select(e => e.Name.LocalName));
    }

    [Theory]
    [InlineData(1.0, false, "2d")]
    [InlineData(1.0, true, "3d")]
    [InlineData(0.0, true, "none")]
    [InlineData(3.0, false, "pps")]
    [InlineData(1.5, false, null)]
    [InlineData(double.NaN, false, null)]
    public void Gpx_fix_maps_the_NMEA_quality(double quality, bool altitude, string? fix) =>
        Assert.Equal(fix, IgtimiGpxDataWriter.FixOf(quality, altitude));

    [Fact]
    public void Gpx_1_0_has_course_and_speed_elements_and_no_extension()
    {
        var options = new IgtimiExportOptions { GpxVersion = IgtimiGpxVersion.Gpx10 };
        var text = Write(IgtimiExportFormat.Gpx, FieldPoints(), options);
        var doc = XDocument.Parse(text);
        Assert.Equal(Gpx10 + "gpx", doc.Root!.Name);
        Assert.Equal("1.0", (string?)doc.Root.Attribute("version"));
        Assert.DoesNotContain("gpxtpx", text);
        var first = doc.Descendants(Gpx10 + "trkpt").First();
        Assert.Equal(new[] { "ele", "time", "course", "speed", "fix", "sat", "hdop" }, first.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("45", (string)first.Element(Gpx10 + "course")!);
        Assert.Equal(5.1444, D((string)first.Element(Gpx10 + "speed")!), 4);
    }

    [Fact]
    public void Tracks_are_named_by_boat_name_where_known_and_by_serial_otherwise()
    {
        var gpx = XDocument.Parse(Write(IgtimiExportFormat.Gpx, Points(), Named()));
        Assert.Equal(new[] { "YB-1", BoatB }, gpx.Descendants(Gpx + "trk").Select(t => (string)t.Element(Gpx + "name")!));

        var kml = XDocument.Parse(Write(IgtimiExportFormat.Kml, Points(), Named()));
        Assert.Equal(new[] { "YB-1", BoatB }, kml.Descendants(Kml + "Placemark").Select(p => (string)p.Element(Kml + "name")!));
        Assert.Equal(new[] { BoatA, BoatB }, kml.Descendants(Kml + "Placemark").Select(p => (string)p.Element(Kml + "description")!));

        using var geo = JsonDocument.Parse(Write(IgtimiExportFormat.GeoJson, Points(), Named()));
        var names = geo.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal(new[] { "YB-1", BoatB }, names);
    }

    [Fact]
    public void Nmea_writes_RMC_HDT_VHW_and_MWV_with_valid_checksums()
    {
        var text = Write(IgtimiExportFormat.Nmea, FieldPoints());
        Assert.EndsWith("\r\n", text);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        foreach (var line in lines)
        {
            var star = line.IndexOf('*');
            Assert.True(line[0] == '$' && star == line.Length - 3, line);
            var sum = line.Substring(1, star - 1).Aggregate(0, (x, c) => x ^ c);
            Assert.Equal(sum.ToString("X2"), line.Substring(star + 1));
        }
        var bodies = lines.Select(l => l.Substring(0, l.IndexOf('*'))).ToList();
        Assert.Equal(new[]
        {
            // T0: 54.3° = 54° 18', 10.1° = 10° 06'; 10 kn, 45°.
            "$GPRMC,100000.123,A,5418.000000,N,01006.000000,E,10.000,45.00,010624,,,A",
            "$IIHDT,40.00,T",
            "$IIVHW,40.00,T,38.00,M,9.000,N,16.668,K",
            "$GPRMC,100001.123,A,5418.060000,N,01006.060000,E,10.000,,010624,,,A",
            "$IIHDT,41.00,T",
            "$IIMWV,330.00,R,15.000,N,A",
            "$GPRMC,100002.123,A,5418.120000,N,01006.120000,E,,270.00,010624,,,A",
            "$IIHDT,42.00,T",
            "$IIMWV,20.00,R,,N,V",
            // A's SOG at +5 s has no position and no sentence of its own.
            "$GPRMC,100000.123,A,3354.000000,S,15112.000000,E,,,010624,,,A",
            "$GPRMC,100001.123,A,3354.060000,S,15112.060000,E,5.000,,010624,,,A",
        }, bodies);
    }

    [Fact]
    public void Kml_has_a_gx_track_per_device_with_times_then_coordinates()
    {
        var doc = XDocument.Parse(Write(IgtimiExportFormat.Kml, FieldPoints()));
        var tracks = doc.Descendants(Gx + "Track").ToList();
        Assert.Equal(2, tracks.Count);
        // A has an altitude at every position, B none.
        Assert.Equal("absolute", (string)tracks[0].Element(Kml + "altitudeMode")!);
        Assert.Equal("clampToGround", (string)tracks[1].Element(Kml + "altitudeMode")!);
        Assert.Equal(new[] { Iso(T0), Iso(T0 + 1000), Iso(T0 + 2000) }, tracks[0].Elements(Kml + "when").Select(e => e.Value));
        var coords = tracks[0].Elements(Gx + "coord").Select(e => e.Value.Split(' ').Select(D).ToArray()).ToList();
        Assert.Equal(new[] { new[] { LonA(0), LatA(0), 3.5 }, new[] { LonA(1), LatA(1), 4.5 }, new[] { LonA(2), LatA(2), 5.5 } }, coords);
        Assert.Equal("151.2 -33.9 0", tracks[1].Elements(Gx + "coord").First().Value);
        var names = tracks[0].Elements().Select(e => e.Name.LocalName).ToList();
        Assert.True(names.LastIndexOf("when") < names.IndexOf("coord"), "every <when> comes before the first <gx:coord>");
    }

    [Fact]
    public void GeoJson_point_features_carry_the_values_of_their_time()
    {
        var options = Named();
        options.GeoJsonPointFeatures = true;
        using var doc = JsonDocument.Parse(Write(IgtimiExportFormat.GeoJson, FieldPoints(), options));
        var features = doc.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(5, features.Count);
        Assert.All(features, f => Assert.Equal("Point", f.GetProperty("geometry").GetProperty("type").GetString()));
        var first = features[0];
        Assert.Equal(new[] { LonA(0), LatA(0) }, first.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()));
        var p = first.GetProperty("properties");
        Assert.Equal(BoatA, p.GetProperty("serialNumber").GetString());
        Assert.Equal("YB-1", p.GetProperty("name").GetString());
        Assert.Equal(Iso(T0), p.GetProperty("time").GetString());
        Assert.Equal(10, p.GetProperty("speedKnots").GetDouble(), 9);
        Assert.Equal(45, p.GetProperty("courseDegrees").GetDouble());
        Assert.Equal(40, p.GetProperty("headingDegrees").GetDouble());
        Assert.Equal(9, p.GetProperty("waterSpeedKnots").GetDouble(), 9);
        Assert.Equal(3.5, p.GetProperty("altitudeMetres").GetDouble());
        Assert.Equal(9, p.GetProperty("satellites").GetDouble());
        Assert.False(p.TryGetProperty("apparentWindAngleDegrees", out _));
        var second = features[1].GetProperty("properties");
        Assert.Equal(330, second.GetProperty("apparentWindAngleDegrees").GetDouble());
        Assert.Equal(15, second.GetProperty("apparentWindSpeedKnots").GetDouble(), 9);
        Assert.Equal(270, features[2].GetProperty("properties").GetProperty("courseDegrees").GetDouble());
        Assert.Equal(BoatB, features[3].GetProperty("properties").GetProperty("name").GetString());
    }

    [Fact]
    public void Each_format_counts_the_types_it_has_no_place_for()
    {
        foreach (var format in new[] { IgtimiExportFormat.Gpx, IgtimiExportFormat.Nmea, IgtimiExportFormat.Kml })
        {
            using var stream = new MemoryStream();
            using var writer = IgtimiDataWriter.Create(format, stream);
            foreach (var point in FieldPoints()) writer.Write(point);
            var expected = FieldPoints().Count(p => !writer.KeptTypes!.Contains(p.Type));
            Assert.True(expected > 0);
            Assert.Equal(expected, writer.IgnoredPointCount);
            Assert.Equal(new[] { BoatA, BoatB }, writer.SerialNumbers.OrderBy(s => s, StringComparer.Ordinal));
        }
    }

    [Theory]
    [InlineData("a.nmea", IgtimiExportFormat.Nmea)]
    [InlineData("a.KML", IgtimiExportFormat.Kml)]
    public void The_extension_tells_the_new_formats(string path, IgtimiExportFormat format)
    {
        Assert.True(IgtimiExportFormats.TryFromPath(path, out var found));
        Assert.Equal(format, found);
    }
}
