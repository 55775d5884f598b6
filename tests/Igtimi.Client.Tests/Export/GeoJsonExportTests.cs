using System.Text.Json;
using Igtimi.Client.Data;
using Igtimi.Client.Export;
using Xunit;
using static Igtimi.Client.Tests.Export.ExportTestData;

namespace Igtimi.Client.Tests.Export;

public class GeoJsonExportTests
{
    private static JsonElement Parse(IEnumerable<IgtimiDataPoint> points) => JsonDocument.Parse(Write(IgtimiExportFormat.GeoJson, points)).RootElement;

    [Fact]
    public void Is_a_FeatureCollection_with_one_LineString_per_device_in_lon_lat_order()
    {
        var root = Parse(Points());
        Assert.Equal("FeatureCollection", root.GetProperty("type").GetString());
        var features = root.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(2, features.Count);
        var a = features[0];
        Assert.Equal("Feature", a.GetProperty("type").GetString());
        Assert.Equal("LineString", a.GetProperty("geometry").GetProperty("type").GetString());
        var coordinates = a.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().ToList();
        Assert.Equal(3, coordinates.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(LonA(i), coordinates[i][0].GetDouble());
            Assert.Equal(LatA(i), coordinates[i][1].GetDouble());
        }
        var b = features[1].GetProperty("geometry").GetProperty("coordinates")[0];
        Assert.Equal(LonB(0), b[0].GetDouble());
        Assert.Equal(LatB(0), b[1].GetDouble());
    }

    [Fact]
    public void Properties_hold_serial_times_counts_and_aligned_speed_and_course()
    {
        var features = Parse(Points()).GetProperty("features");
        var a = features[0].GetProperty("properties");
        Assert.Equal(BoatA, a.GetProperty("serialNumber").GetString());
        Assert.Equal(Iso(T0), a.GetProperty("start").GetString());
        Assert.Equal(Iso(T0 + 2000), a.GetProperty("end").GetString());
        Assert.Equal(3, a.GetProperty("pointCount").GetInt32());
        Assert.Equal(new[] { Iso(T0), Iso(T0 + 1000), Iso(T0 + 2000) }, a.GetProperty("times").EnumerateArray().Select(e => e.GetString()));
        var speeds = a.GetProperty("speedKnots").EnumerateArray().ToList();
        Assert.Equal(3, speeds.Count);
        Assert.Equal(10, speeds[0].GetDouble(), 9);
        Assert.Equal(10, speeds[1].GetDouble(), 9);
        Assert.Equal(JsonValueKind.Null, speeds[2].ValueKind);   // NaN
        var courses = a.GetProperty("courseDegrees").EnumerateArray().ToList();
        Assert.Equal(45, courses[0].GetDouble());
        Assert.Equal(JsonValueKind.Null, courses[1].ValueKind);
        Assert.Equal(270, courses[2].GetDouble());

        var b = features[1].GetProperty("properties");
        Assert.Equal(2, b.GetProperty("pointCount").GetInt32());
        Assert.Equal(new double?[] { null, 5 }, b.GetProperty("speedKnots").EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.Null ? (double?)null : Math.Round(e.GetDouble(), 9)));
        Assert.False(b.TryGetProperty("courseDegrees", out _));   // no COG on B at all
    }

    [Fact]
    public void A_device_with_one_position_is_a_Point()
    {
        var root = Parse(new[] { IgtimiDataPoints.Create("ONE", 1, 0, T0, new[] { 10.5, 54.5 }) });
        var geometry = root.GetProperty("features")[0].GetProperty("geometry");
        Assert.Equal("Point", geometry.GetProperty("type").GetString());
        Assert.Equal(new[] { 10.5, 54.5 }, geometry.GetProperty("coordinates").EnumerateArray().Select(e => e.GetDouble()));
    }

    [Fact]
    public void A_device_without_positions_has_no_feature_and_no_points_give_an_empty_collection()
    {
        var root = Parse(new[] { IgtimiDataPoints.Create("SOGONLY", 9, 0, T0, new[] { 10.0 }) });
        Assert.Empty(root.GetProperty("features").EnumerateArray());
    }

    [Fact]
    public void Numbers_are_invariant_under_a_decimal_comma_culture()
    {
        string text;
        using (new CultureScope("de-DE")) text = Write(IgtimiExportFormat.GeoJson, Points());
        Assert.Contains("[10.1,54.3]", text);
    }
}
