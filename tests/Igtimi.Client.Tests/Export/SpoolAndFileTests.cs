using Igtimi.Client.Data;
using Igtimi.Client.Export;
using Igtimi.Client.IO;
using Xunit;
using static Igtimi.Client.Tests.Export.ExportTestData;

namespace Igtimi.Client.Tests.Export;

public class SpoolAndFileTests
{
    /// <summary>Many interleaved points of three devices, with SOG arriving long after its positions.</summary>
    private static List<IgtimiDataPoint> ManyPoints()
    {
        var points = new List<IgtimiDataPoint>();
        var serials = new[] { "S3", "S1", "S2" };
        for (var i = 0; i < 500; i++)
            foreach (var s in serials)
                points.Add(IgtimiDataPoints.Create(s, 1, 0, T0 + i * 200, new[] { 10 + i * 1e-4, 54 + i * 1e-4 }));
        for (var i = 499; i >= 0; i -= 2)   // out of order on purpose
            foreach (var s in serials)
                points.Add(IgtimiDataPoints.Create(s, 9, 0, T0 + i * 200, new[] { i * 0.1 }));
        for (var i = 0; i < 500; i += 3)
            points.Add(IgtimiDataPoints.Create("S2", 6, 0, T0 + i * 200, new[] { (double)i }));
        return points;
    }

    [Theory]
    [InlineData(IgtimiExportFormat.Csv)]
    [InlineData(IgtimiExportFormat.Gpx)]
    [InlineData(IgtimiExportFormat.GeoJson)]
    public void Spooling_to_disk_gives_the_same_file_as_keeping_everything_in_memory(IgtimiExportFormat format)
    {
        var points = ManyPoints();
        var inMemory = Write(format, points);
        using var stream = new MemoryStream();
        using (var writer = IgtimiDataWriter.Create(format, stream, new IgtimiExportOptions { MaxBufferedRows = 7 }))
        {
            foreach (var p in points) writer.Write(p);
            Assert.True(writer.SpooledRunCount > 10, $"expected many spooled runs, got {writer.SpooledRunCount}");
            writer.Complete();
        }
        Assert.Equal(inMemory, System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void Every_sample_gets_a_cell_and_rows_stay_in_time_order_with_spooling()
    {
        var points = ManyPoints();
        using var stream = new MemoryStream();
        using (var writer = new IgtimiCsvDataWriter(stream, new IgtimiExportOptions { MaxBufferedRows = 5 }))
        {
            foreach (var p in points) writer.Write(p);
            writer.Complete();
            Assert.Equal(points.Count, writer.PointCount);
        }
        var lines = System.Text.Encoding.UTF8.GetString(stream.ToArray()).TrimEnd().Split("\r\n");
        Assert.Equal("SerialNumber,Timestamp,Latitude,Longitude,COG_deg,SOG_kmh,SOG_knots", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(1500, rows.Count);
        Assert.Equal(new[] { "S1", "S2", "S3" }, rows.Select(r => r[0]).Distinct());
        foreach (var group in rows.GroupBy(r => r[0]))
        {
            var times = group.Select(r => DateTimeOffset.Parse(r[1])).ToList();
            Assert.Equal(times.OrderBy(t => t), times);
            Assert.Equal(250, group.Count(r => r[5] != ""));
        }
        Assert.Equal(167, rows.Count(r => r[4] != ""));
    }

    [Fact]
    public void Dispose_deletes_the_spool_file()
    {
        var folder = Directory.CreateTempSubdirectory("igtimips-spool-").FullName;
        try
        {
            using (var writer = new IgtimiGpxDataWriter(Stream.Null, new IgtimiExportOptions { MaxBufferedRows = 2, SpoolDirectory = folder }))
            {
                foreach (var p in ManyPoints().Take(50)) writer.Write(p);
                Assert.NotEmpty(Directory.GetFiles(folder));
            }
            Assert.Empty(Directory.GetFiles(folder));
        }
        finally { Directory.Delete(folder, true); }
    }

    [Fact]
    public void Export_file_is_written_as_partial_and_renamed_on_commit()
    {
        var folder = Directory.CreateTempSubdirectory("igtimips-export-").FullName;
        try
        {
            var path = Path.Combine(folder, "race.gpx");
            File.WriteAllText(path, "old");
            using (var file = AtomicFile.Create(path))
            {
                Assert.StartsWith(path + ".", file.PartialPath);
                Assert.EndsWith(".partial", file.PartialPath);
                file.Stream.Write("new"u8);
                Assert.True(File.Exists(file.PartialPath));
                Assert.Equal("old", File.ReadAllText(path));
                var info = file.Commit();
                Assert.Equal(path, info.FullName);
            }
            Assert.Equal("new", File.ReadAllText(path));
            Assert.Empty(Directory.GetFiles(folder, "*.partial"));
        }
        finally { Directory.Delete(folder, true); }
    }

    [Fact]
    public void Export_file_disposed_without_commit_leaves_nothing()
    {
        var folder = Directory.CreateTempSubdirectory("igtimips-export-").FullName;
        try
        {
            var path = Path.Combine(folder, "race.csv");
            using (var file = AtomicFile.Create(path)) file.Stream.Write("half"u8);
            Assert.Empty(Directory.GetFiles(folder));
        }
        finally { Directory.Delete(folder, true); }
    }

    [Fact]
    public void Export_file_refuses_a_missing_folder_and_an_existing_file_without_overwrite()
    {
        var folder = Directory.CreateTempSubdirectory("igtimips-export-").FullName;
        try
        {
            Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.Create(Path.Combine(folder, "nope", "x.csv")));
            var path = Path.Combine(folder, "x.csv");
            File.WriteAllText(path, "keep");
            using (var file = AtomicFile.Create(path))
                Assert.Throws<IOException>(() => file.Commit(overwrite: false));
            Assert.Equal("keep", File.ReadAllText(path));
            Assert.False(File.Exists(path + ".partial"));
        }
        finally { Directory.Delete(folder, true); }
    }

    [Theory]
    [InlineData("a.csv", IgtimiExportFormat.Csv)]
    [InlineData("a.GPX", IgtimiExportFormat.Gpx)]
    [InlineData("a.geojson", IgtimiExportFormat.GeoJson)]
    [InlineData("dir.x/a.json", IgtimiExportFormat.GeoJson)]
    public void Format_follows_the_extension(string path, IgtimiExportFormat expected)
    {
        Assert.True(IgtimiExportFormats.TryFromPath(path, out var format));
        Assert.Equal(expected, format);
    }

    [Theory]
    [InlineData("a.txt")]
    [InlineData("a")]
    [InlineData("a.csv.bak")]
    public void Unknown_extensions_give_no_format(string path) => Assert.False(IgtimiExportFormats.TryFromPath(path, out _));
}
