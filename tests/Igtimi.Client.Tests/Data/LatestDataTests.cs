using System.Text;
using Igtimi.Client.Data;
using Igtimi.Client.Dialects.IgtimiCom;
using Igtimi.Client.Tests.Models;
using Xunit;

namespace Igtimi.Client.Tests.Data;

public class LatestDataTests
{
    [Fact]
    public void The_documented_gps_example_gives_positions_with_longitude_first()
    {
        var points = LatestDataReader.Parse(Encoding.UTF8.GetBytes(Fixtures.Read("igtimi-docs_latest_data_type1.json")), 1);
        Assert.Equal(2, points.Count);
        var first = Assert.IsType<IgtimiPositionPoint>(points[0]);
        Assert.Equal("GA-DEAAAG", first.SerialNumber);
        Assert.Equal(170.5040755, first.Longitude);
        Assert.Equal(-45.8767381666667, first.Latitude);
        Assert.Equal(new DateTimeOffset(2012, 6, 28, 4, 54, 35, 430, TimeSpan.Zero), first.Timestamp);
        Assert.Equal(0, first.Dsi);
    }

    [Fact]
    public void The_sap_captures_give_speeds_in_kmh_and_knots()
    {
        var lines = Fixtures.Lines("sap-test_latest_data_sog_aws_2013.jsonl");
        var sog = LatestDataReader.Parse(Encoding.UTF8.GetBytes(lines[0]), 9);
        Assert.Equal(new[] { "DD-EE-AAGA", "DD-EE-AAHG" }, sog.Select(p => p.SerialNumber));
        var speed = Assert.IsType<IgtimiSpeedPoint>(sog[0]);
        Assert.Equal(0.5556, speed.SpeedKmh);
        Assert.Equal(0.3, speed.SpeedKnots, 3);
        var aws = Assert.IsType<IgtimiSpeedPoint>(Assert.Single(LatestDataReader.Parse(Encoding.UTF8.GetBytes(lines[1]), 12)));
        Assert.Equal(4.0744, aws.SpeedKmh);
        Assert.Equal(1384078157500, aws.UnixTimeMilliseconds);
    }
}
