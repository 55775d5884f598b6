using Igtimi.Client.Data;
using Xunit;

namespace Igtimi.Client.Tests.Data;

public class DataQueryTests
{
    private static IgtimiDataQuery Query(DateTimeOffset start, DateTimeOffset end, TimeSpan slice) =>
        new() { SerialNumbers = new[] { "S" }, Start = start, End = end, SliceLength = slice };

    [Fact]
    public void Slices_cover_the_range_without_overlap_each_starting_1_ms_after_the_last()
    {
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var slices = Query(start, start.AddDays(20), TimeSpan.FromDays(7)).Slices();
        Assert.Equal(3, slices.Count);
        Assert.Equal(Http.UnixTime.ToMilliseconds(start), slices[0].Start);
        for (var i = 1; i < slices.Count; i++) Assert.Equal(slices[i - 1].End + 1, slices[i].Start);
        Assert.Equal(Http.UnixTime.ToMilliseconds(start.AddDays(20)), slices[^1].End);
        Assert.Equal(7L * 24 * 3600 * 1000 - 1, slices[0].End - slices[0].Start);
    }

    [Fact]
    public void A_range_of_one_instant_is_one_slice()
    {
        var at = DateTimeOffset.UnixEpoch.AddDays(1);
        Assert.Single(Query(at, at, TimeSpan.FromDays(7)).Slices());
    }

    [Theory]
    [InlineData(-1.0, 7, 4)]
    [InlineData(0.0, 40, 4)]
    [InlineData(0.0, 7, 0)]
    public void Bad_queries_are_refused_before_any_request(double tolerance, int sliceDays, int throttle)
    {
        var q = Query(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1), TimeSpan.FromDays(sliceDays));
        q.GpsTolerance = tolerance;
        q.ThrottleLimit = throttle;
        Assert.Throws<ArgumentException>(q.Validate);
    }

    [Fact]
    public void Start_after_end_is_refused()
    {
        var q = Query(DateTimeOffset.UnixEpoch.AddDays(2), DateTimeOffset.UnixEpoch.AddDays(1), TimeSpan.FromDays(7));
        Assert.Contains("after", Assert.Throws<ArgumentException>(q.Validate).Message);
    }
}
