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

    private string Save(IgtimiExportFormat format, string name)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, Write(format, Points()));
        return path;
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
