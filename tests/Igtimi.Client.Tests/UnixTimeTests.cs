using Igtimi.Client.Http;
using Igtimi.Client.Json;
using Xunit;

namespace Igtimi.Client.Tests;

public class UnixTimeTests
{
    [Fact]
    public void Float_timestamps_convert_to_utc()
    {
        var time = UnixTime.FromMilliseconds(1340859275430.0);
        Assert.Equal(new DateTimeOffset(2012, 6, 28, 4, 54, 35, 430, TimeSpan.Zero), time);
        Assert.Equal(TimeSpan.Zero, time.Offset);
    }

    [Fact]
    public void Round_trip_keeps_milliseconds()
    {
        var time = new DateTimeOffset(2024, 11, 21, 10, 0, 0, 123, TimeSpan.FromHours(1));
        Assert.Equal(time, UnixTime.FromMilliseconds(UnixTime.ToMilliseconds(time)));
    }

    [Fact]
    public void Json_tree_keeps_integers_and_floats_apart()
    {
        var tree = (JsonObjectMembers)JsonTree.Parse("{\"id\":1373,\"t\":1384091813000.0,\"big\":123456789012345678901234,\"ok\":true,\"n\":null}")!;
        Assert.Equal(1373L, tree.Single(m => m.Key == "id").Value);
        Assert.Equal(1384091813000.0, tree.Single(m => m.Key == "t").Value);
        Assert.IsType<decimal>(tree.Single(m => m.Key == "big").Value);
        Assert.Equal(true, tree.Single(m => m.Key == "ok").Value);
        Assert.Null(tree.Single(m => m.Key == "n").Value);
    }
}
