using Igtimi.Client.Data;
using Igtimi.Client.Export;
using Xunit;
using static Igtimi.Client.Tests.Export.ExportTestData;

namespace Igtimi.Client.Tests.Export;

public class CsvExportTests
{
    private static string[] Lines(string csv)
    {
        Assert.EndsWith("\r\n", csv);
        return csv.Substring(0, csv.Length - 2).Split("\r\n");
    }

    [Fact]
    public void Header_has_the_fixed_columns_then_one_per_value_by_type()
    {
        var lines = Lines(Write(IgtimiExportFormat.Csv, Points()));
        Assert.Equal("SerialNumber,Timestamp,Latitude,Longitude,COG_deg,SOG_kmh,SOG_knots,type77_c1,type77_c2", lines[0]);
    }

    [Fact]
    public void One_row_per_device_and_timestamp_in_time_order_with_empty_cells_for_missing_and_NaN()
    {
        var lines = Lines(Write(IgtimiExportFormat.Csv, Points()));
        var a0 = $"{BoatA},{Iso(T0)},54.3,10.1,45,18.52,10,,";
        var a1 = $"{BoatA},{Iso(T0 + 1000)},54.301,10.101,,18.52,10,1.5,";
        var a2 = $"{BoatA},{Iso(T0 + 2000)},54.302,10.102,-90,,,,";
        var a5 = $"{BoatA},{Iso(T0 + 5000)},,,,20,{20 / 1.852:R},,";
        var b0 = $"{BoatB},{Iso(T0)},-33.9,151.2,,,,,";
        var b1 = $"{BoatB},{Iso(T0 + 1000)},-33.901,151.201,,9.26,5,,";
        Assert.Equal(new[] { a0, a1, a2, a5, b0, b1 }.Select(Normalize).ToArray(), lines.Skip(1).Select(Normalize).ToArray());
        Assert.Equal("2024-06-01T10:00:00.123Z", Iso(T0));
    }

    // The test's own expectations use literal decimals; the writer's output is round-trip precise.
    private static string Normalize(string line) =>
        string.Join(",", line.Split(',').Select(cell =>
            double.TryParse(cell, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) &&
            cell.Contains('.') && !cell.Contains('T')
                ? Math.Round(d, 9).ToString("R", System.Globalization.CultureInfo.InvariantCulture)
                : cell));

    [Fact]
    public void Numbers_are_invariant_under_a_decimal_comma_culture()
    {
        string csv;
        using (new CultureScope("de-DE"))
        {
            Assert.Equal("1,5", 1.5.ToString());
            csv = Write(IgtimiExportFormat.Csv, Points());
        }
        var lines = Lines(csv);
        Assert.All(lines, l => Assert.Equal(9, l.Split(',').Length));
        Assert.Contains(",54.3,10.1,", lines[1]);
        Assert.DoesNotContain("54,3", csv);
    }

    [Fact]
    public void Text_values_are_quoted_per_RFC_4180()
    {
        var file = new IgtimiDataPoint("DA-\"Q\",1", 16, 0, T0, new[] { double.NaN, double.NaN, double.NaN, 42.0 },
            new string?[] { "log, day 1.txt", "ab\"cd", "line1\nline2", null });
        var lines = Write(IgtimiExportFormat.Csv, new[] { file });
        Assert.Equal(
            "SerialNumber,Timestamp,Latitude,Longitude,file_filename,file_md5,file_content_type,file_size_bytes\r\n" +
            $"\"DA-\"\"Q\"\",1\",{Iso(T0)},,,\"log, day 1.txt\",\"ab\"\"cd\",\"line1\nline2\",42\r\n",
            lines);
    }

    [Fact]
    public void Speeds_angles_heart_rate_and_dsi_columns_are_named_and_converted()
    {
        var points = new[]
        {
            IgtimiDataPoints.Create("S", 12, 0, T0, new[] { 37.04 }),
            IgtimiDataPoints.Create("S", 11, 0, T0, new[] { -30.0 }),
            IgtimiDataPoints.Create("S", 8, 0, T0, new[] { 350.0 }),
            IgtimiDataPoints.Create("S", 13, 201, T0, new[] { 1234.0, 77, 142 }),
            IgtimiDataPoints.Create("S", 15, 0, T0, new[] { 88.0 }),
        };
        var lines = Lines(Write(IgtimiExportFormat.Csv, points));
        Assert.Equal("SerialNumber,Timestamp,Latitude,Longitude,HDG_deg,AWA_deg,AWS_kmh,AWS_knots," +
                     "HeartRate_event_time_ms_dsi201,HeartRate_beat_count_dsi201,HeartRate_bpm_dsi201,battery_level_pct", lines[0]);
        Assert.Equal($"S,{Iso(T0)},,,350,-30,37.04,20,1234,77,142,88", lines[1]);
    }

    [Fact]
    public void Raw_blocks_give_the_same_file_as_their_points()
    {
        var blockA = new IgtimiDataBlock(BoatA, 1, 0, new[] { T0, T0 + 1000 }, new[] { new[] { LonA(0), LonA(1) }, new[] { LatA(0), LatA(1) } });
        var blockS = new IgtimiDataBlock(BoatA, 9, 0, new[] { T0 }, new[] { new[] { 18.52 } });
        using var stream = new MemoryStream();
        using (var writer = new IgtimiCsvDataWriter(stream))
        {
            writer.Write(blockA);
            writer.Write(blockS);
            writer.Complete();
            Assert.Equal(3, writer.PointCount);
        }
        var fromBlocks = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        var fromPoints = Write(IgtimiExportFormat.Csv, blockA.Points().Concat(blockS.Points()));
        Assert.Equal(fromPoints, fromBlocks);
    }

    [Fact]
    public void No_points_give_a_header_only()
    {
        Assert.Equal("SerialNumber,Timestamp,Latitude,Longitude\r\n", Write(IgtimiExportFormat.Csv, Array.Empty<IgtimiDataPoint>()));
    }
}
