using System.Text;
using Google.Protobuf;
using Igtimi.Client.Data;
using Igtimi.Client.Dialects.Sap;
using Igtimi.Client.Dialects.Sap.Protocol;
using Igtimi.Client.Http;
using Igtimi.Client.Tests.Models;
using Xunit;
using ProtoData = Igtimi.Client.Dialects.Sap.Protocol.Data;
using ProtoHeartRate = Igtimi.Client.Dialects.Sap.Protocol.HeartRate;

namespace Igtimi.Client.Tests.Sap;

/// <summary>SAP's data answers ({"serial":["base64 Msg",…]}) into blocks: the real fixture, order, duplicates, bad messages.</summary>
public class SapDataReaderTests
{
    private static async Task<(IReadOnlyList<IgtimiDataBlock> Blocks, SapPointCollector Points, SapDataReader Reader)> Read(string json,
        IEnumerable<int>? types = null, long from = long.MinValue, long to = long.MaxValue)
    {
        var points = new SapPointCollector(null, types, from, to);
        var reader = new SapDataReader(points);
        await reader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), default);
        return (points.TakeBlocks(), points, reader);
    }

    private static IgtimiDataBlock Block(IReadOnlyList<IgtimiDataBlock> blocks, int type) => Assert.Single(blocks, b => b.Type == type);

    [Fact]
    public async Task The_fixtures_six_messages_decode_to_the_documented_values()
    {
        var lines = Fixtures.Lines("sap-riot_resources_data_base64_protobuf.jsonl");
        var blocks = new List<IgtimiDataBlock>();
        foreach (var line in lines) blocks.AddRange((await Read(line)).Blocks);
        var merged = blocks.GroupBy(b => b.Type).ToDictionary(g => g.Key, g => g.SelectMany(b => b.Points()).ToList());

        // Every DataMsg says DC-MM-AACN; the JSON key DC-FE-AAKG comes from SAP's unit test.
        Assert.All(blocks, b => Assert.Equal("DC-MM-AACN", b.SerialNumber));
        Assert.Equal(new[] { 1, 2, 3, 6, 9 }, merged.Keys.OrderBy(k => k));

        var cog = merged[6].Cast<IgtimiAnglePoint>().ToList();
        Assert.Equal(new long[] { 1732206572500, 1732206573000, 1732206574000 }, cog.Select(p => p.UnixTimeMilliseconds));
        Assert.All(cog, p => Assert.Equal(0.0, p.Degrees));

        var sog = merged[9].Cast<IgtimiSpeedPoint>().ToList();
        Assert.Equal(new long[] { 1732206572500, 1732206573000, 1732206574000 }, sog.Select(p => p.UnixTimeMilliseconds));
        Assert.Equal(new[] { 0.283356, 0.298172, 0.188904 }, sog.Select(p => Math.Round(p.SpeedKmh, 6)));

        var positions = merged[1].Cast<IgtimiPositionPoint>().ToList();
        Assert.Equal(new long[] { 1732206573000, 1732206574000, 1732206574500 }, positions.Select(p => p.UnixTimeMilliseconds));
        Assert.Equal(new[] { 54.3233795, 54.323387833, 54.323391333 }, positions.Select(p => Math.Round(p.Latitude, 9)));
        Assert.Equal(new[] { 10.13002, 10.129999833, 10.1299905 }, positions.Select(p => Math.Round(p.Longitude, 9)));
        Assert.Equal(new DateTimeOffset(2024, 11, 21, 16, 29, 33, TimeSpan.Zero), positions[0].Timestamp);

        Assert.All(merged[3].Cast<IgtimiValuePoint>(), p => Assert.Equal(4, p.Value));
        Assert.All(merged[2].Cast<IgtimiValuePoint>(), p => Assert.Equal(1, p.Value));
        // The denormal altitude (9.68e-309) is firmware garbage: no altitude point comes of it.
        Assert.DoesNotContain(5, merged.Keys);
    }

    [Fact]
    public async Task The_escaped_slashes_of_SAPs_json_are_undone_before_base64()
    {
        var line = Fixtures.Lines("sap-riot_resources_data_base64_protobuf.jsonl")[0];
        Assert.Contains("/", line);
        var (plain, _, _) = await Read(line);
        var (escaped, _, _) = await Read(line.Replace("/", "\\/"));
        Assert.Equal(plain.Sum(b => b.Count), escaped.Sum(b => b.Count));
        Assert.Equal(7, escaped.Sum(b => b.Count));
    }

    [Fact]
    public async Task Base64_written_with_other_JSON_escapes_decodes_to_the_same_points()
    {
        // A server may escape any character (\u0041 for 'A'); the fast decoder leaves such strings to the JSON reader.
        var line = Fixtures.Lines("sap-riot_resources_data_base64_protobuf.jsonl")[0];
        var (plain, _, _) = await Read(line);
        var escaped = new StringBuilder();
        var inString = false;
        foreach (var c in line)
        {
            if (c == '"') inString = !inString;
            escaped.Append(inString && char.IsLetter(c) && c % 3 == 0 ? $"\\u{(int)c:x4}" : c.ToString());
        }
        Assert.Contains("\\u00", escaped.ToString());
        var (blocks, _, reader) = await Read(escaped.ToString());
        Assert.Null(reader.Problems());
        Assert.Equal(plain.SelectMany(b => b.Points()).Select(p => (p.Type, p.UnixTimeMilliseconds, string.Join(",", p.Values))),
            blocks.SelectMany(b => b.Points()).Select(p => (p.Type, p.UnixTimeMilliseconds, string.Join(",", p.Values))));
    }

    private static string Message(string serial, params DataPoint[] points)
    {
        var dataMessage = new DataMsg { SerialNumber = serial, TypeOfService = 3, StreamId = 358 };
        dataMessage.Data.AddRange(points);
        var msg = new Msg { Data = new ProtoData() };
        msg.Data.Data_.Add(dataMessage);
        return Convert.ToBase64String(msg.ToByteArray());
    }

    private static DataPoint Sog(long time, double kmh) => new() { Sog = new Scalar { Timestamp = (ulong)time, Value = kmh } };

    [Fact]
    public async Task Messages_in_no_order_and_twice_come_out_sorted_and_once()
    {
        var messages = new[] { Message("A", Sog(3000, 3)), Message("A", Sog(1000, 1)), Message("A", Sog(2000, 2)), Message("A", Sog(1000, 1)),
            Message("A", Sog(3000, 3)) };
        var (blocks, points, _) = await Read("{\"A\":[" + string.Join(",", messages.Select(m => "\"" + m + "\"")) + "]}");
        var sog = Block(blocks, 9);
        Assert.Equal(new long[] { 1000, 2000, 3000 }, sog.Times);
        Assert.Equal(new[] { 1.0, 2, 3 }, sog.Components[0]);
        Assert.Equal(2, points.Duplicates);
    }

    [Theory]
    [InlineData(5000, 86_400_000L)]
    [InlineData(20_000, 1_000L)]
    [InlineData(3000, 400_000_000_000L)]
    public async Task Many_messages_in_random_order_with_repeats_come_out_as_a_stable_sort_would(int count, long span)
    {
        // Enough points for the radix sort; times of a day, times crowded into one second (many equal), and a span too wide
        // for the composite key (the comparison sort's way).
        var random = new Random(count);
        var samples = Enumerable.Range(0, count).Select(i => (Time: 1_700_000_000_000L + (long)(random.NextDouble() * span), Kmh: (double)random.Next(5))).ToList();
        samples.AddRange(samples.Where((_, i) => i % 7 == 0).ToList());
        var shuffled = samples.OrderBy(_ => random.Next()).ToList();
        var json = "{\"A\":[" + string.Join(",", shuffled.Select(p => "\"" + Message("A", Sog(p.Time, p.Kmh)) + "\"")) + "]}";
        var (blocks, points, _) = await Read(json);

        // The reference: arrival order, stably sorted by time, then each sample once where it repeats the kept one before it.
        var expected = new List<(long Time, double Kmh)>();
        foreach (var p in shuffled.OrderBy(p => p.Time))
            if (!expected.Any(e => e.Time == p.Time && e.Kmh == p.Kmh)) expected.Add(p);
        var sog = Block(blocks, 9);
        Assert.Equal(expected.Select(e => e.Time), sog.Times);
        Assert.Equal(expected.Select(e => e.Kmh), sog.Components[0]);
        Assert.Equal(samples.Count - expected.Count, points.Duplicates);
    }

    [Fact]
    public async Task A_sample_repeated_inside_another_message_comes_out_once()
    {
        var (blocks, points, _) = await Read("{\"A\":[\"" + Message("A", Sog(1000, 1)) + "\",\"" + Message("A", Sog(1000, 1), Sog(2000, 2)) + "\"]}");
        Assert.Equal(new long[] { 1000, 2000 }, Block(blocks, 9).Times);
        Assert.Equal(1, points.Duplicates);
    }

    [Fact]
    public async Task The_same_message_under_two_serials_counts_for_both()
    {
        var message = "\"" + Message("", Sog(1000, 1)) + "\"";
        var (blocks, points, _) = await Read("{\"A\":[" + message + "],\"B\":[" + message + "]}");
        Assert.Equal(new[] { "A", "B" }, blocks.Select(b => b.SerialNumber));
        Assert.Equal(0, points.Duplicates);
    }

    [Fact]
    public async Task Two_different_samples_at_one_time_are_both_kept()
    {
        var (blocks, points, _) = await Read("{\"A\":[\"" + Message("A", Sog(1000, 1)) + "\",\"" + Message("A", Sog(1000, 7)) + "\"]}");
        Assert.Equal(new[] { 1.0, 7 }, Block(blocks, 9).Components[0]);
        Assert.Equal(0, points.Duplicates);
    }

    [Fact]
    public async Task Points_without_a_timestamp_are_reported_not_emitted_at_1970()
    {
        var (blocks, points, _) = await Read("{\"A\":[\"" + Message("A", Sog(0, 5), Sog(1000, 1)) + "\"]}");
        Assert.Equal(new long[] { 1000 }, Block(blocks, 9).Times);
        Assert.Contains("1 points have no timestamp", points.Problems());
    }

    [Fact]
    public async Task The_serial_is_the_messages_own_and_the_key_only_when_the_message_has_none()
    {
        var (blocks, _, _) = await Read("{\"KEY\":[\"" + Message("", Sog(1000, 1)) + "\",\"" + Message("OWN", Sog(2000, 2)) + "\"]}");
        Assert.Equal(new[] { "KEY", "OWN" }, blocks.Select(b => b.SerialNumber).OrderBy(s => s));
    }

    [Fact]
    public async Task Points_outside_the_window_belong_to_the_neighbouring_slice()
    {
        var (blocks, points, _) = await Read("{\"A\":[\"" + Message("A", Sog(999, 1), Sog(1000, 2), Sog(2000, 3), Sog(2001, 4)) + "\"]}", from: 1000, to: 2000);
        Assert.Equal(new long[] { 1000, 2000 }, Block(blocks, 9).Times);
        Assert.Equal(2, points.OutsideWindow);
        Assert.Null(points.Problems());
    }

    [Fact]
    public async Task Only_the_types_asked_for_come_out_and_altitude_comes_from_positions()
    {
        var position = new DataPoint { Pos = new GNSS_Position { Timestamp = 1000, Latitude = 54.3, Longitude = 10.1, Altitude = 12.5, Fields = 7 } };
        var json = "{\"A\":[\"" + Message("A", position, Sog(1000, 4)) + "\"]}";
        var (blocks, _, _) = await Read(json, types: new[] { 1, 5 });
        Assert.Equal(new[] { 1, 5 }, blocks.Select(b => b.Type).OrderBy(t => t));
        var point = Assert.IsType<IgtimiPositionPoint>(Block(blocks, 1).PointAt(0));
        Assert.Equal(54.3, point.Latitude);
        Assert.Equal(10.1, point.Longitude);
        Assert.Equal(12.5, Assert.IsType<IgtimiValuePoint>(Block(blocks, 5).PointAt(0)).Value);
    }

    [Fact]
    public async Task A_heart_rate_strap_keeps_its_source_id_as_the_dsi()
    {
        var strap = new DataPoint { SourceId = 201, Hr = new ProtoHeartRate { Timestamp = 1000, EventTime = 5, HbCount = 6, HeartRate_ = 120 } };
        var (blocks, _, _) = await Read("{\"A\":[\"" + Message("A", strap) + "\"]}");
        var point = Assert.IsType<IgtimiHeartRatePoint>(Block(blocks, 13).PointAt(0));
        Assert.Equal(201, point.Dsi);
        Assert.Equal(120, point.HeartRate);
    }

    [Fact]
    public async Task Strings_that_are_not_base64_protobuf_are_skipped_and_counted()
    {
        var (blocks, _, reader) = await Read("{\"A\":[\"not base64!\",\"" + Convert.ToBase64String(new byte[] { 0xFF, 0xFF, 0xFF }) + "\",\"" +
                                             Message("A", Sog(1000, 1)) + "\"]}");
        Assert.Equal(1, Block(blocks, 9).Count);
        Assert.Contains("2 of 3 messages are not base64 protobuf", reader.Problems());
    }

    [Theory]
    [InlineData("[]", "not SAP data")]
    [InlineData("{\"A\":[1,2]}", "not base64 strings")]
    [InlineData("{\"A\":[\"x\"", "ends before it is complete")]
    [InlineData("", "empty")]
    public async Task A_body_of_another_shape_is_the_modules_invalid_data_error(string json, string problem)
    {
        var error = await Assert.ThrowsAsync<IgtimiPayloadException>(() => Read(json));
        Assert.Equal(IgtimiErrorKind.InvalidResponse, error.Kind);
        Assert.Contains(problem, error.Message);
    }
}
