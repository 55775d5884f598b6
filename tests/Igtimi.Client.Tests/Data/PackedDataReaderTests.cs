using System.Text;
using Igtimi.Client.Data;
using Igtimi.Client.Tests.Models;
using Xunit;

namespace Igtimi.Client.Tests.Data;

public class PackedDataReaderTests
{
    /// <summary>A stream that hands out at most a few bytes per read, as a slow network does.</summary>
    private sealed class TrickleStream : MemoryStream
    {
        private readonly int _chunk;
        public TrickleStream(byte[] data, int chunk) : base(data) => _chunk = chunk;
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, _chunk));
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => Task.FromResult(Read(buffer, offset, count));
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
            new(base.Read(buffer.Span[..Math.Min(buffer.Length, _chunk)]));
    }

    private static async Task<(IReadOnlyList<IgtimiDataBlock> Blocks, List<string> Warnings)> Read(string json, int chunk = int.MaxValue)
    {
        var warnings = new List<string>();
        var blocks = await PackedDataReader.ReadAllAsync(new TrickleStream(Encoding.UTF8.GetBytes(json), chunk), default, warnings.Add);
        return (blocks, warnings);
    }

    [Fact]
    public async Task Lent_buffers_give_the_same_points_as_copies_and_irregular_blocks_are_still_mended()
    {
        // Type 1 regular (lent), type 9 out of order and type 6 short of a value (both copied and mended, as always).
        var json = """{"AA-AA-AAAA":{"1":{"t":[1750000000000,1750000001000,1750000002000],"1":[174.1,174.2,174.3],"2":[-36.1,-36.2,-36.3]},""" +
                   """ "9":{"t":[1750000001000,1750000000000],"1":[5.5,6.5]}, "6":{"t":[1750000000000,1750000001000],"1":[90]}}}""";
        static async Task<List<string>> Points(string body, bool lend)
        {
            var points = new List<string>();
            var counts = new List<(int Type, int Count, int Length)>();
            var reader = new PackedDataReader((b, _) =>
            {
                counts.Add((b.Type, b.Count, b.Times.Length));
                points.AddRange(b.Points().Select(p => $"{p.Type} {p.UnixTimeMilliseconds} {string.Join(",", p.Values)}"));
                return Task.CompletedTask;
            }) { LendBuffers = lend };
            await reader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), default);
            Assert.Equal(new[] { 1, 9, 6 }, counts.Select(c => c.Type));
            // A lent block's arrays are the pool's, longer than its samples; a copy's are exact.
            Assert.Equal(lend, counts[0].Length > counts[0].Count);
            Assert.All(counts.Skip(1), c => Assert.Equal(c.Count, c.Length));
            return points;
        }
        Assert.Equal(await Points(json, lend: false), await Points(json, lend: true));
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(7)]
    [InlineData(1)]
    public async Task The_documented_multi_device_example_reads_the_same_however_it_arrives(int chunk)
    {
        var (blocks, warnings) = await Read(Fixtures.Read("igtimi-docs_packed_data_multi_device_dsi.json"), chunk);
        Assert.Empty(warnings);
        var gps = blocks.Single(b => b.SerialNumber == "EA-AK-AAAG" && b.Type == 1);
        Assert.Equal(new long[] { 12345677000, 12345677500 }, gps.Times);
        var first = Assert.IsType<IgtimiPositionPoint>(gps.PointAt(0));
        Assert.Equal(-160.123, first.Longitude);
        Assert.Equal(40.43, first.Latitude);
        var straps = blocks.Where(b => b.SerialNumber == "EA-AK-AAAH" && b.Type == 13).OrderBy(b => b.Dsi).ToList();
        Assert.Equal(new[] { 100, 201 }, straps.Select(b => b.Dsi));
        Assert.Equal("13:201", straps[1].Key);
        Assert.Equal(new[] { 119.0, 120.0 }, straps[1].Components[0]);
        Assert.Equal(0, gps.Dsi);
    }

    [Fact]
    public async Task Keys_with_stray_spaces_are_trimmed()
    {
        var (blocks, _) = await Read(Fixtures.Read("igtimi-docs_resources_data_types1-2.json"));
        var position = (IgtimiPositionPoint)blocks.Single(b => b.Type == 1).PointAt(0);
        Assert.Equal("GA-DKAAAD", position.SerialNumber);
        Assert.Equal(170.5036805, position.Longitude);
        Assert.Equal(-45.8769221666667, position.Latitude);
        Assert.Equal(new DateTimeOffset(2013, 11, 20, 9, 52, 32, 580, TimeSpan.Zero), position.Timestamp);
        Assert.Equal(3, blocks.Single(b => b.Type == 2).Count);
    }

    [Fact]
    public async Task Float_times_non_numeric_keys_and_unknown_types_are_tolerated()
    {
        var json = "{\"S1\":{\"archived_resources\":{\"x\":[1,{\"y\":[2]}]},\"note\":\"hi\"," +
                   "\"77\":{\"t\":[1000.0,2000.0],\"1\":[5,6],\"2\":[\"a\",null]},\"9\":{\"t\":[1000],\"1\":[18.52]}}}";
        var (blocks, warnings) = await Read(json, 3);
        Assert.Empty(warnings);
        Assert.Equal(2, blocks.Count);
        var unknown = blocks.Single(b => b.Type == 77).PointAt(0);
        Assert.Equal(typeof(IgtimiDataPoint), unknown.GetType());
        Assert.Equal("type_77", unknown.TypeName);
        Assert.Equal(1000, unknown.UnixTimeMilliseconds);
        Assert.Equal("a", unknown.Texts![1]);
        Assert.True(double.IsNaN(unknown.Values[1]));
        var sog = Assert.IsType<IgtimiSpeedPoint>(blocks.Single(b => b.Type == 9).PointAt(0));
        Assert.Equal(10.0, sog.SpeedKnots, 6);
    }

    [Fact]
    public async Task Null_times_and_short_columns_are_reported_with_counts_not_silently_cut()
    {
        var json = "{\"S1\":{\"1\":{\"t\":[1,null,3,4],\"1\":[10,20,30,40],\"2\":[1,2,3]}}}";
        var (blocks, warnings) = await Read(json);
        var block = Assert.Single(blocks);
        Assert.Equal(new long[] { 1, 3, 4 }, block.Times);
        Assert.Equal(new[] { 10.0, 30.0, 40.0 }, block.Components[0]);
        Assert.True(double.IsNaN(block.Components[1][2]));
        var warning = Assert.Single(warnings);
        Assert.Contains("S1 type 1", warning);
        Assert.Contains("component 2 has 3 values for 4 times", warning);
        Assert.Contains("1 of 4 samples have no time", warning);
    }

    [Fact]
    public async Task Unsorted_times_are_sorted_with_their_values_and_reported()
    {
        var (blocks, warnings) = await Read("{\"S1\":{\"9\":{\"t\":[3,1,2],\"1\":[30,10,20]}}}");
        Assert.Equal(new long[] { 1, 2, 3 }, blocks[0].Times);
        Assert.Equal(new[] { 10.0, 20.0, 30.0 }, blocks[0].Components[0]);
        Assert.Contains("not in order", Assert.Single(warnings));
    }

    [Fact]
    public async Task A_websocket_frame_array_may_hold_the_same_serial_twice_and_both_are_kept()
    {
        var json = "[{\"S1\":{\"1\":{\"t\":[1],\"1\":[2],\"2\":[3]}}},{\"S1\":{\"9\":{\"t\":[1],\"1\":[4]}}}]";
        var (blocks, _) = await Read(json);
        Assert.Equal(new[] { 1, 9 }, blocks.Select(b => b.Type));
        Assert.All(blocks, b => Assert.Equal("S1", b.SerialNumber));
    }

    [Fact]
    public async Task A_body_that_ends_before_its_json_is_complete_is_an_invalid_response()
    {
        var json = Fixtures.Read("igtimi-docs_packed_data_multi_device_dsi.json");
        var error = await Assert.ThrowsAsync<IgtimiPayloadException>(() => Read(json[..(json.Length / 2)], 5));
        Assert.Equal(Http.IgtimiErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("ends before it is complete", error.Message);
        Assert.Contains("The body begins: {", error.Message);
    }

    [Fact]
    public async Task The_data_error_shape_becomes_an_api_exception()
    {
        var error = await Assert.ThrowsAsync<Http.IgtimiApiException>(() => Read("{\"error\":\"Time span too long\",\"reason\":\"one month at most\"}"));
        Assert.Equal("Time span too long", error.ApiError);
        Assert.Equal("one month at most", error.ApiErrorDescription);
    }

    [Fact]
    public async Task Blocks_can_be_skipped_by_key_for_a_resumed_download()
    {
        var delivered = new List<IgtimiDataBlock>();
        var reader = new PackedDataReader((b, _) => { delivered.Add(b); return Task.CompletedTask; }) { SkipBlock = (s, t, d) => t == 1 };
        await reader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(Fixtures.Read("igtimi-docs_packed_data_multi_device_dsi.json"))), default);
        Assert.DoesNotContain(delivered, b => b.Type == 1);
        Assert.Contains(delivered, b => b.Type == 13);
    }

    [Theory]
    [InlineData("1", 1, 0)]
    [InlineData(" 1", 1, 0)]
    [InlineData("13:201", 13, 201)]
    [InlineData(" 13 : 100 ", 13, 100)]
    public void Type_keys_parse(string key, int type, int dsi)
    {
        Assert.True(PackedDataReader.TryParseTypeKey(key, out var t, out var d));
        Assert.Equal((type, dsi), (t, d));
    }

    [Theory]
    [InlineData("archived_resources")]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("13:x")]
    public void Other_keys_are_not_types(string key) => Assert.False(PackedDataReader.TryParseTypeKey(key, out _, out _));

    [Fact]
    public async Task A_large_block_streams_through_a_small_buffer()
    {
        var builder = new StringBuilder("{\"S\":{\"1\":{\"t\":[");
        const int n = 200_000;
        for (var i = 0; i < n; i++) builder.Append(i == 0 ? "" : ",").Append(1_700_000_000_000L + i * 1000L);
        builder.Append("],\"1\":[");
        for (var i = 0; i < n; i++) builder.Append(i == 0 ? "" : ",").Append("174.1234567");
        builder.Append("],\"2\":[");
        for (var i = 0; i < n; i++) builder.Append(i == 0 ? "" : ",").Append("-36.7654321");
        builder.Append("]}}}");
        var (blocks, warnings) = await Read(builder.ToString(), 4096);
        Assert.Empty(warnings);
        Assert.Equal(n, blocks[0].Count);
        Assert.Equal(-36.7654321, ((IgtimiPositionPoint)blocks[0].PointAt(n - 1)).Latitude);
    }
}
