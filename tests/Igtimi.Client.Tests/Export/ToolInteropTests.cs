using Igtimi.Client.Export;
using Xunit;
using static Igtimi.Client.Tests.Export.ExportTestData;

namespace Igtimi.Client.Tests.Export;

/// <summary>
/// The files open in common tools. These run only where gpsbabel / GDAL are installed
/// (apt-get install gpsbabel gdal-bin) and are skipped with a message elsewhere, so CI does not depend on them.
/// </summary>
public sealed class ToolInteropTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("igtimips-interop-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    private string Save(IgtimiExportFormat format, string name, IEnumerable<Igtimi.Client.Data.IgtimiDataPoint>? points = null,
        IgtimiExportOptions? options = null)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, Write(format, points ?? Points(), options));
        return path;
    }

    /// <summary>gpsbabel's unicsv of a file as header → value rows.</summary>
    private static List<Dictionary<string, string>> Unicsv(string format, string path)
    {
        var (exit, output, error) = ExternalTool.Run("gpsbabel", "-t", "-i", format, "-f", path, "-o", "unicsv,utc=0", "-F", "-");
        Assert.True(exit == 0, $"gpsbabel failed ({exit}): {error}");
        var lines = output.Trim().Split('\n').Select(l => l.Trim()).ToList();
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => l.Split(',')).Select(v => header.Select((h, i) => (h, v: i < v.Length ? v[i].Trim('"') : ""))
            .ToDictionary(x => x.h, x => x.v)).ToList();
    }

    private static IEnumerable<Igtimi.Client.Data.IgtimiDataPoint> OnlyA() => FieldPoints().Where(p => p.SerialNumber == BoatA);

    [ToolFact("gpsbabel")]
    public void Gpsbabel_reads_ele_fix_sat_and_hdop_from_gpx_1_1_and_speed_and_course_from_gpx_1_0()
    {
        var rows = Unicsv("gpx", Save(IgtimiExportFormat.Gpx, "field.gpx", FieldPoints()));
        Assert.Equal(5, rows.Count);
        Assert.Equal(3.5, D(rows[0]["Altitude"]), 3);
        Assert.Equal("3d", rows[0]["FIX"]);
        Assert.Equal("dgps", rows[1]["FIX"]);
        Assert.Equal("9", rows[0]["Satellites"]);
        Assert.Equal(0.8, D(rows[0]["HDOP"]), 3);
        Assert.False(rows[0].ContainsKey("Speed"), "gpsbabel 1.8 does not read the Garmin extension; GPX 1.0 is the way to speed");

        var gpx10 = Unicsv("gpx", Save(IgtimiExportFormat.Gpx, "field10.gpx", FieldPoints(), new IgtimiExportOptions { GpxVersion = IgtimiGpxVersion.Gpx10 }));
        Assert.Equal(5, gpx10.Count);
        Assert.Equal(5.14, D(gpx10[0]["Speed"]), 2); // m/s
        Assert.Equal(45, D(gpx10[0]["Course"]), 3);
        Assert.Equal(270, D(gpx10[2]["Course"]), 3);
        Assert.Equal(3.5, D(gpx10[0]["Altitude"]), 3);
        Assert.Equal("10:00:00.123", gpx10[0]["Time"]);
        Assert.Equal(LatB(1), D(gpx10[4]["Latitude"]), 6);
    }

    [ToolFact("ogrinfo")]
    public void Gdal_reads_speed_and_course_of_gpx_1_0_and_ele_fix_sat_hdop_of_both_versions()
    {
        var path = Save(IgtimiExportFormat.Gpx, "field10.gpx", FieldPoints(), new IgtimiExportOptions { GpxVersion = IgtimiGpxVersion.Gpx10 });
        var (exit, output, error) = ExternalTool.Run("ogrinfo", "-ro", "-fid", "0", path, "track_points");
        Assert.True(exit == 0, $"ogrinfo failed ({exit}): {error}");
        Assert.DoesNotContain("Warning", error);
        Assert.Matches(@"speed \(Real\) = 5\.1444", output);
        Assert.Contains("course (Real) = 45", output);
        Assert.Contains("ele (Real) = 3.5", output);
        Assert.Contains("fix (String) = 3d", output);
        Assert.Contains("sat (Integer) = 9", output);
        Assert.Contains("hdop (Real) = 0.8", output);

        var gpx11 = ExternalTool.Run("ogrinfo", "-ro", "-fid", "0", Save(IgtimiExportFormat.Gpx, "field.gpx", FieldPoints()), "track_points");
        Assert.True(gpx11.ExitCode == 0, gpx11.Error);
        Assert.Contains("ele (Real) = 3.5", gpx11.Output);
        Assert.Contains("sat (Integer) = 9", gpx11.Output);
        Assert.Contains("hdop (Real) = 0.8", gpx11.Output);
    }

    [ToolFact("gpsbabel")]
    public void Gpsbabel_reads_the_nmea_positions_times_speeds_and_courses()
    {
        var rows = Unicsv("nmea", Save(IgtimiExportFormat.Nmea, "a.nmea", OnlyA()));
        Assert.Equal(3, rows.Count);
        Assert.Equal(LatA(0), D(rows[0]["Latitude"]), 6);
        Assert.Equal(LonA(0), D(rows[0]["Longitude"]), 6);
        Assert.Equal(LatA(2), D(rows[2]["Latitude"]), 6);
        Assert.Equal("2024/06/01", rows[0]["Date"]);
        Assert.Equal("10:00:00.123", rows[0]["Time"]);
        Assert.Equal(5.14, D(rows[0]["Speed"]), 2); // 10 kn in m/s
        Assert.Equal(45, D(rows[0]["Course"]), 2);
    }

    [ToolFact("gpsbabel")]
    public void Gpsbabel_reads_the_kml_tracks_with_times_and_altitudes()
    {
        var rows = Unicsv("kml", Save(IgtimiExportFormat.Kml, "race.kml", FieldPoints()));
        Assert.Equal(5, rows.Count);
        Assert.Equal(LatA(0), D(rows[0]["Latitude"]), 6);
        Assert.Equal(LonA(0), D(rows[0]["Longitude"]), 6);
        Assert.Equal(4.5, D(rows[1]["Altitude"]), 3);
        Assert.Equal("10:00:01.123", rows[1]["Time"]);
        Assert.Equal(LonB(1), D(rows[4]["Longitude"]), 6);
    }

    [ToolFact("ogrinfo")]
    public void Gdal_reads_the_kml_placemarks_by_boat_name_as_3d_lines()
    {
        var options = new IgtimiExportOptions { TrackNames = new Dictionary<string, string> { [BoatA] = "YB-1" } };
        var (exit, output, error) = ExternalTool.Run("ogrinfo", "-ro", "-al", Save(IgtimiExportFormat.Kml, "race.kml", FieldPoints(), options));
        Assert.True(exit == 0, $"ogrinfo failed ({exit}): {error}");
        Assert.Contains("Feature Count: 2", output);
        Assert.Contains("Name (String) = YB-1", output);
        Assert.Contains($"Name (String) = {BoatB}", output);
        Assert.Contains("begin (DateTime) = 2024/06/01 10:00:00.123+00", output);
        Assert.Contains("LINESTRING Z (10.1 54.3 3.5,10.101 54.301 4.5,10.102 54.302 5.5)", output); // ogrinfo prints 15 digits
    }

    [ToolFact("ogrinfo")]
    public void Gdal_reads_the_geojson_point_features_with_their_values()
    {
        var options = new IgtimiExportOptions { GeoJsonPointFeatures = true };
        var (exit, output, error) = ExternalTool.Run("ogrinfo", "-ro", "-al", Save(IgtimiExportFormat.GeoJson, "points.geojson", FieldPoints(), options));
        Assert.True(exit == 0, $"ogrinfo failed ({exit}): {error}");
        Assert.Contains("Feature Count: 5", output);
        Assert.Contains("Geometry: Point", output);
        Assert.Contains("time (DateTime) = 2024/06/01 10:00:00.123+00", output);
        // GDAL types a field by its values: whole numbers make Integer fields.
        Assert.Matches(@"speedKnots \((Real|Integer)\) = 10\s", output);
        Assert.Matches(@"courseDegrees \((Real|Integer)\) = 270\s", output);
        Assert.Matches(@"apparentWindAngleDegrees \((Real|Integer)\) = 330\s", output);
        Assert.Contains("POINT (151.201 -33.901)", output);
    }

    [ToolFact("gpsbabel")]
    public void Gpsbabel_reads_the_gpx_tracks_with_lat_lon_and_time()
    {
        var path = Save(IgtimiExportFormat.Gpx, "race.gpx");
        // The plain csv output: "lat, lon, name" per track point, in file order.
        var plain = ExternalTool.Run("gpsbabel", "-i", "gpx", "-f", path, "-o", "csv", "-F", "-");
        Assert.True(plain.ExitCode == 0, $"gpsbabel failed ({plain.ExitCode}): {plain.Error}");
        var rows = plain.Output.Trim().Split('\n').Select(l => l.Split(',').Select(s => s.Trim()).ToArray()).ToList();
        Assert.Equal(5, rows.Count);
        Assert.Equal(LatA(0), D(rows[0][0]), 6);
        Assert.Equal(LonA(0), D(rows[0][1]), 6);
        Assert.Equal(LatB(1), D(rows[4][0]), 6);
        Assert.Equal(LonB(1), D(rows[4][1]), 6);

        // unicsv names its columns; times come through in UTC with milliseconds.
        var (exit, output, error) = ExternalTool.Run("gpsbabel", "-t", "-i", "gpx", "-f", path, "-o", "unicsv,utc=0", "-F", "-");
        Assert.True(exit == 0, $"gpsbabel failed ({exit}): {error}");
        var lines = output.Trim().Split('\n').Select(l => l.Trim()).ToList();
        var header = lines[0].Split(',').ToList();
        var first = lines[1].Split(',');
        Assert.Equal(LatA(0), D(first[header.IndexOf("Latitude")]), 6);
        Assert.Equal(LonA(0), D(first[header.IndexOf("Longitude")]), 6);
        Assert.Equal("2024/06/01", first[header.IndexOf("Date")]);
        Assert.Equal("10:00:00.123", first[header.IndexOf("Time")]);

        // Two tracks, named by serial number, survive a round trip through gpsbabel's own GPX writer.
        var again = ExternalTool.Run("gpsbabel", "-i", "gpx", "-f", path, "-o", "gpx", "-F", "-");
        Assert.True(again.ExitCode == 0, again.Error);
        var doc = System.Xml.Linq.XDocument.Parse(again.Output);
        Assert.Equal(new[] { BoatA, BoatB }, doc.Descendants()
            .Where(e => e.Name.LocalName == "trk")
            .Select(t => t.Elements().First(e => e.Name.LocalName == "name").Value));
    }

    [ToolFact("ogrinfo")]
    public void Gdal_reads_the_geojson_as_line_strings_in_lon_lat_order()
    {
        var path = Save(IgtimiExportFormat.GeoJson, "race.geojson");
        var (exit, output, error) = ExternalTool.Run("ogrinfo", "-ro", "-al", path);
        Assert.True(exit == 0, $"ogrinfo failed ({exit}): {error}");
        Assert.Contains("Feature Count: 2", output);
        Assert.Contains("Geometry: Line String", output);
        Assert.Contains($"serialNumber (String) = {BoatA}", output);
        Assert.Contains("pointCount (Integer) = 3", output);
        Assert.Contains("LINESTRING (10.1 54.3,10.101 54.301,10.102 54.302)", output);
    }

    [ToolFact("ogrinfo")]
    public void Gdal_reads_the_gpx_tracks_points_and_extension()
    {
        var path = Save(IgtimiExportFormat.Gpx, "race.gpx");
        var (exit, output, error) = ExternalTool.Run("ogrinfo", "-ro", path, "track_points");
        Assert.True(exit == 0, $"ogrinfo failed ({exit}): {error}");
        Assert.DoesNotContain("Warning", error);
        Assert.Contains("Feature Count: 5", output);
        Assert.Contains("POINT (10.1 54.3)", output);
        Assert.Contains("POINT (151.201 -33.901)", output);
        Assert.Contains("time (DateTime) = 2024/06/01 10:00:00.123+00", output);
        // GDAL keeps the nested Garmin extension as one text field with both values in it.
        Assert.Matches(@"gpxtpx_TrackPointExtension \(String\) = \s*<gpxtpx:speed>5\.144\d*</gpxtpx:speed>\s*<gpxtpx:course>45</gpxtpx:course>", output);

        var tracks = ExternalTool.Run("ogrinfo", "-ro", "-al", "-geom=NO", path, "tracks");
        Assert.True(tracks.ExitCode == 0, tracks.Error);
        Assert.Contains("Feature Count: 2", tracks.Output);
        Assert.Contains("name (String) = " + BoatA, tracks.Output);
        Assert.Contains("name (String) = " + BoatB, tracks.Output);
    }

    [ToolFact("ogrinfo")]
    public void Gdal_reads_the_csv()
    {
        var path = Save(IgtimiExportFormat.Csv, "race.csv");
        var (exit, output, error) = ExternalTool.Run("ogrinfo", "-ro", "-al", path, "-oo", "X_POSSIBLE_NAMES=Longitude", "-oo", "Y_POSSIBLE_NAMES=Latitude",
            "-oo", "AUTODETECT_TYPE=YES");
        Assert.True(exit == 0, $"ogrinfo failed ({exit}): {error}");
        Assert.Contains("Feature Count: 6", output);
        Assert.Contains("POINT (10.1 54.3)", output);
        Assert.Contains("SOG_knots (Real) = 10", output);
    }
}
