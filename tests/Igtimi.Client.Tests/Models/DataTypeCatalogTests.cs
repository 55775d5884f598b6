using Igtimi.Client.Models;
using Xunit;

namespace Igtimi.Client.Tests.Models;

public class DataTypeCatalogTests
{
    // docs/design/igtimi-api.md section 5, the JSON API names, codes 1–16.
    public static TheoryData<int, string> JsonApiNames => new()
    {
        { 1, "gps_latlong" },
        { 2, "gps_quality_indicator" },
        { 3, "gps_quality_sat_count" },
        { 4, "gps_quality_hdop" },
        { 5, "gps_altitude" },
        { 6, "cog" },
        { 7, "hdgm" },
        { 8, "hdg" },
        { 9, "sog" },
        { 10, "stw" },
        { 11, "awa" },
        { 12, "aws" },
        { 13, "ant_hrm" },
        { 14, "ant_cbst" },
        { 15, "battery_level" },
        { 16, "file" },
    };

    [Theory]
    [MemberData(nameof(JsonApiNames))]
    public void Codes_1_to_16_are_named_as_the_json_api(int code, string name)
    {
        var type = IgtimiDataTypeCatalog.Get(code);
        Assert.Equal(code, type.Code);
        Assert.Equal(name, type.Name);
        Assert.True(type.IsKnown);
        Assert.Equal("JSON API", type.Era);
        Assert.NotEmpty(type.Components);
        Assert.Equal(Enumerable.Range(1, type.Components.Count), type.Components.Select(c => c.Index));
    }

    [Fact]
    public void Gps_latlong_is_longitude_then_latitude()
    {
        var gps = IgtimiDataTypeCatalog.Get(1);
        Assert.Equal(2, gps.Components.Count);
        Assert.Equal((1, "longitude", "deg"), (gps.Components[0].Index, gps.Components[0].Name, gps.Components[0].Unit));
        Assert.Equal((2, "latitude", "deg"), (gps.Components[1].Index, gps.Components[1].Name, gps.Components[1].Unit));
    }

    [Theory]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(12)]
    public void Speeds_are_in_km_per_hour(int code)
    {
        var component = Assert.Single(IgtimiDataTypeCatalog.Get(code).Components);
        Assert.Equal("km/h", component.Unit);
    }

    [Fact]
    public void Sog_and_aws()
    {
        Assert.Equal("sog", IgtimiDataTypeCatalog.Get(9).Name);
        Assert.Equal("speed", IgtimiDataTypeCatalog.Get(9).Components[0].Name);
        Assert.Equal("aws", IgtimiDataTypeCatalog.Get(12).Name);
        Assert.Equal("9 sog", IgtimiDataTypeCatalog.Get(9).ToString());
    }

    [Fact]
    public void Ant_hrm_has_three_components()
    {
        var hrm = IgtimiDataTypeCatalog.Get(13);
        Assert.Equal(new[] { "event_time", "heart_beat_count", "heart_rate" }, hrm.Components.Select(c => c.Name));
        Assert.Equal(new[] { 1, 2, 3 }, hrm.Components.Select(c => c.Index));
        Assert.Equal("ms", hrm.Components[0].Unit);
        Assert.Equal("bpm", hrm.Components[2].Unit);
    }

    [Fact]
    public void Later_codes_come_from_the_protobuf_era()
    {
        var twd = IgtimiDataTypeCatalog.Get(22);
        Assert.True(twd.IsKnown);
        Assert.Equal("Protobuf (2019)", twd.Era);
    }

    [Fact]
    public void All_is_ordered_and_unique()
    {
        var codes = IgtimiDataTypeCatalog.All.Select(t => t.Code).ToList();
        Assert.Equal(codes.OrderBy(c => c), codes);
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 16), codes.Take(16));
        var names = IgtimiDataTypeCatalog.All.Select(t => t.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Theory]
    [InlineData("9", 9, true)]
    [InlineData(" 9 ", 9, true)]
    [InlineData("SOG", 9, true)]
    [InlineData("sog", 9, true)]
    [InlineData("Gps_LatLong", 1, true)]
    [InlineData("type_9", 9, true)]
    [InlineData("type_77", 77, false)]
    [InlineData("TYPE_77", 77, false)]
    [InlineData("77", 77, false)]
    public void TryResolve_finds_codes_names_and_type_n(string text, int code, bool known)
    {
        Assert.True(IgtimiDataTypeCatalog.TryResolve(text, out var type));
        Assert.Equal(code, type.Code);
        Assert.Equal(known, type.IsKnown);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("speed")]
    [InlineData("type_")]
    [InlineData("type_x")]
    public void TryResolve_rejects_the_rest(string text)
    {
        Assert.False(IgtimiDataTypeCatalog.TryResolve(text, out _));
    }

    [Fact]
    public void TryResolve_null_is_false()
    {
        Assert.False(IgtimiDataTypeCatalog.TryResolve(null!, out _));
    }

    [Fact]
    public void Unknown_code_is_still_usable()
    {
        var type = IgtimiDataTypeCatalog.Get(77);
        Assert.False(type.IsKnown);
        Assert.Equal(77, type.Code);
        Assert.Equal("type_77", type.Name);
        Assert.Equal("Unknown", type.Era);
        Assert.Empty(type.Components);
        Assert.False(string.IsNullOrEmpty(type.Description));
        Assert.Equal("77 type_77", type.ToString());
        Assert.DoesNotContain(IgtimiDataTypeCatalog.All, t => t.Code == 77);
    }
}
