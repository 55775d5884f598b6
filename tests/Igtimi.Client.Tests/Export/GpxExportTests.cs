using System.Globalization;
using System.Xml.Linq;
using Igtimi.Client.Export;
using Xunit;
using static Igtimi.Client.Tests.Export.ExportTestData;

namespace Igtimi.Client.Tests.Export;

public class GpxExportTests
{
    private static readonly XNamespace Gpx = "http://www.topografix.com/GPX/1/1";
    private static readonly XNamespace Tpx = "http://www.garmin.com/xmlschemas/TrackPointExtension/v2";

    private static XDocument Document(out string text)
    {
        text = Write(IgtimiExportFormat.Gpx, Points());
        return XDocument.Parse(text);
    }

    [Fact]
    public void Is_GPX_1_1_with_the_IgtimiPS_creator_and_one_track_per_device()
    {
        var doc = Document(out var text);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", text);
        var root = doc.Root!;
        Assert.Equal(Gpx + "gpx", root.Name);
        Assert.Equal("1.1", (string?)root.Attribute("version"));
        Assert.Equal("IgtimiPS", (string?)root.Attribute("creator"));
        Assert.Equal(Tpx.NamespaceName, root.GetNamespaceOfPrefix("gpxtpx")?.NamespaceName);
        var tracks = root.Elements(Gpx + "trk").ToList();
        Assert.Equal(new[] { BoatA, BoatB }, tracks.Select(t => (string)t.Element(Gpx + "name")!));
        Assert.All(tracks, t => Assert.Single(t.Elements(Gpx + "trkseg")));
        Assert.Equal(3, tracks[0].Descendants(Gpx + "trkpt").Count());
        Assert.Equal(2, tracks[1].Descendants(Gpx + "trkpt").Count());
    }

    [Fact]
    public void Latitude_and_longitude_are_not_swapped_and_times_are_utc_with_milliseconds()
    {
        var doc = Document(out _);
        var points = doc.Descendants(Gpx + "trkpt").ToList();
        var first = points[0];
        Assert.Equal(LatA(0), D((string)first.Attribute("lat")!));
        Assert.Equal(LonA(0), D((string)first.Attribute("lon")!));
        Assert.Equal("2024-06-01T10:00:00.123Z", (string)first.Element(Gpx + "time")!);
        var b = points[3];
        Assert.Equal(LatB(0), D((string)b.Attribute("lat")!));
        Assert.Equal(LonB(0), D((string)b.Attribute("lon")!));
        var times = points.Take(3).Select(p => DateTimeOffset.Parse((string)p.Element(Gpx + "time")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(new[] { T0, T0 + 1000, T0 + 2000 }, times.Select(t => t.ToUnixTimeMilliseconds()));
        Assert.All(times, t => Assert.Equal(TimeSpan.Zero, t.Offset));
    }

    [Fact]
    public void Speed_and_course_at_the_same_timestamp_go_in_the_Garmin_extension_in_m_per_s()
    {
        var doc = Document(out _);
        var points = doc.Descendants(Gpx + "trkpt").ToList();
        double? Speed(XElement p) => (string?)p.Descendants(Tpx + "speed").SingleOrDefault() is string s ? D(s) : null;
        double? Course(XElement p) => (string?)p.Descendants(Tpx + "course").SingleOrDefault() is string s ? D(s) : null;

        // A at T0: 10 kn and 45°; extension element order speed, course (schema order).
        var ext = points[0].Element(Gpx + "extensions")!.Element(Tpx + "TrackPointExtension")!;
        Assert.Equal(new[] { "speed", "course" }, ext.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(10 * 0.514444, Speed(points[0])!.Value, 4);
        Assert.Equal(45, Course(points[0]));
        // A at +1 s: speed, no course.
        Assert.Equal(10 * 0.514444, Speed(points[1])!.Value, 4);
        Assert.Null(Course(points[1]));
        // A at +2 s: speed NaN is left out; course -90 normalised to 270.
        Assert.Null(Speed(points[2]));
        Assert.Equal(270, Course(points[2]));
        // B at T0: nothing to attach, so no extensions element at all; B at +1 s: 5 kn.
        Assert.Null(points[3].Element(Gpx + "extensions"));
        Assert.Equal(5 * 0.514444, Speed(points[4])!.Value, 4);
        // The SOG at +5 s of A has no position, so it adds no track point; the unknown type is not in GPX.
        Assert.Equal(5, points.Count);
    }

    [Fact]
    public void Numbers_are_invariant_under_a_decimal_comma_culture()
    {
        string text;
        using (new CultureScope("de-DE")) text = Write(IgtimiExportFormat.Gpx, Points());
        Assert.Contains("lat=\"54.3\"", text);
        Assert.Contains("lon=\"10.1\"", text);
    }

    [Fact]
    public void Tiny_coordinates_are_written_without_exponent()
    {
        var text = Write(IgtimiExportFormat.Gpx, new[] { Igtimi.Client.Data.IgtimiDataPoints.Create("Z", 1, 0, T0, new[] { 0.00001, -0.0000002 }) });
        Assert.Contains("lat=\"-0.0000002\"", text);
        Assert.Contains("lon=\"0.00001\"", text);
    }

    [Fact]
    public void No_points_give_a_valid_empty_gpx()
    {
        var doc = XDocument.Parse(Write(IgtimiExportFormat.Gpx, Array.Empty<Igtimi.Client.Data.IgtimiDataPoint>()));
        Assert.Equal(Gpx + "gpx", doc.Root!.Name);
        Assert.Empty(doc.Root.Elements());
    }
}
