using Google.Protobuf;
using Igtimi.Client.Dialects.Sap;
using Igtimi.Client.Dialects.Sap.Protocol;
using Igtimi.Client.Tests.Models;
using Xunit;
using ProtoData = Igtimi.Client.Dialects.Sap.Protocol.Data;
using ProtoFile = Igtimi.Client.Dialects.Sap.Protocol.File;
using ProtoHeartRate = Igtimi.Client.Dialects.Sap.Protocol.HeartRate;

namespace Igtimi.Client.Tests.Sap;

/// <summary>
/// The wire reader (the fast path for bulk data) against the generated parser: for every message, regular,
/// irregular or mutated, the collector must end with the same blocks and the same complaints whichever
/// path read it.
/// </summary>
public class SapWireReaderTests
{
    private static readonly long T0 = 1749985200000;

    private static DataPoint RandomPoint(Random random, long time)
    {
        var point = new DataPoint();
        switch (random.Next(16))
        {
            case 0: point.Pos = new GNSS_Position { Timestamp = (ulong)time, Latitude = 54 + random.NextDouble(), Longitude = 10 + random.NextDouble(), Fields = 3 }; break;
            case 1: point.Pos = new GNSS_Position { Timestamp = (ulong)time, Latitude = -36.8, Longitude = 174.7, Altitude = random.NextDouble() * 30, Fields = 7 }; break;
            case 2: point.Satq = new GNSS_Quality { Timestamp = (ulong)time, Value = random.Next(-3, 3) }; break;
            case 3: point.Satc = new GNSS_Sat_Count { Timestamp = (ulong)time, Value = random.Next(12) }; break;
            case 4: point.Cog = new Scalar { Timestamp = (ulong)time, Value = random.NextDouble() * 360 }; break;
            case 5: point.Sog = new Scalar { Timestamp = (ulong)time, Value = random.Next(3) == 0 ? 0 : random.NextDouble() * 30 }; break;
            case 6: point.Aws = new Scalar { Timestamp = (ulong)time, Value = random.NextDouble() * 40 }; break;
            case 7: point.Hr = new ProtoHeartRate { Timestamp = (ulong)time, EventTime = (ulong)random.Next(100000), HbCount = (uint)random.Next(500), HeartRate_ = (uint)random.Next(60, 190) }; point.SourceId = 201; break;
            case 8: point.Num = new Scalar { Timestamp = (ulong)time, Value = random.Next(101) }; break;
            case 9: point.Int = new Integer { Timestamp = (ulong)time, Value = (ulong)random.Next() }; break;
            case 10: point.Bool = new Igtimi.Client.Dialects.Sap.Protocol.Boolean { Timestamp = (ulong)time, Value = random.Next(2) == 1 }; break;
            case 11: point.Txt = new Text { Timestamp = (ulong)time, Value = "sail " + random.Next(9) }; break;
            case 12: point.Log = new Log { Timestamp = (ulong)time, Message = "log", Priority = (uint)random.Next(5) }; break;
            case 13: point.File = new ProtoFile { Timestamp = (ulong)time, EndTime = (ulong)time + 1000, Filename = "f.bin", Size = 42 }; break;
            case 14: point.Twd = new Scalar { Timestamp = random.Next(4) == 0 ? 0 : (ulong)time, Value = 270 }; break;
            default: point.Hdg = new Scalar { Timestamp = (ulong)time, Value = random.NextDouble() * 360 }; break;
        }
        return point;
    }

    private static byte[] RandomMessage(Random random, int index)
    {
        var data = new ProtoData();
        for (var m = 0; m < 1 + random.Next(3); m++)
        {
            var dataMessage = new DataMsg { TypeOfService = 3, StreamId = (uint)(350 + m) };
            if (random.Next(5) == 0) dataMessage.SessionId = 7;
            else if (random.Next(6) != 0) dataMessage.SerialNumber = random.Next(4) == 0 ? " DC-MM-AACN " : "EA-LA-AAZU";
            for (var p = 0; p < 1 + random.Next(5); p++) dataMessage.Data.Add(RandomPoint(random, T0 + index * 1000L + random.Next(3) * 500));
            data.Data_.Add(dataMessage);
        }
        return new Msg { Data = data }.ToByteArray();
    }

    /// <summary>Flips, cuts, inserts or duplicates bytes, or appends fields the schema does not know.</summary>
    private static byte[] Mutate(Random random, byte[] bytes)
    {
        var list = bytes.ToList();
        switch (random.Next(7))
        {
            case 0: if (list.Count > 0) list[random.Next(list.Count)] ^= (byte)(1 << random.Next(8)); break;
            case 1:
                if (list.Count > 1)
                {
                    var at = random.Next(list.Count);
                    list.RemoveRange(at, Math.Min(1 + random.Next(4), list.Count - at));
                }
                break;
            case 2: list.Insert(random.Next(list.Count + 1), (byte)random.Next(256)); break;
            case 3: list.AddRange(new byte[] { 0x98, 0x06, 0x01 }); break;                  // field 99, varint
            case 4: list.AddRange(new byte[] { 0x1B, 0x00, 0x1C }); break;                  // a group
            case 5: list.AddRange(bytes.Take(random.Next(bytes.Length))); break;            // a second, cut-off copy
            default: list.RemoveRange(list.Count / 2, list.Count - list.Count / 2); break;  // cut in half
        }
        return list.ToArray();
    }

    private static string Outcome(SapPointCollector collector, Action add)
    {
        string result;
        try
        {
            add();
            result = "read";
        }
        catch (InvalidProtocolBufferException)
        {
            result = "not a message";
        }
        var blocks = collector.TakeBlocks().Select(b => $"{b.SerialNumber}|{b.Type}|{b.Dsi}|{string.Join(";", Enumerable.Range(0, b.Count).Select(i => b.PointAt(i)).Select(p => p.UnixTimeMilliseconds + "=" + string.Join(",", p.Values)))}");
        return result + "\n" + string.Join("\n", blocks) + "\n" + collector.Problems();
    }

    private static void AssertSameAsGenerated(byte[] bytes, string key)
    {
        var generated = new SapPointCollector(null, null);
        var wire = new SapPointCollector(null, null);
        var expected = Outcome(generated, () => generated.Add(SapMessages.Parse(bytes), key));
        var actual = Outcome(wire, () => wire.Add(bytes, key));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Regular_and_irregular_messages_give_what_the_generated_parser_gives()
    {
        var random = new Random(11);
        for (var i = 0; i < 2000; i++) AssertSameAsGenerated(RandomMessage(random, i), "GA-DK-AAAD");
    }

    [Fact]
    public void Mutated_messages_give_what_the_generated_parser_gives()
    {
        var random = new Random(12);
        for (var i = 0; i < 3000; i++) AssertSameAsGenerated(Mutate(random, RandomMessage(random, i)), "GA-DK-AAAD");
    }

    [Fact]
    public void Two_cases_in_one_point_and_a_repeated_case_are_left_to_the_generated_parser()
    {
        var sog = new DataPoint { Sog = new Scalar { Timestamp = (ulong)T0, Value = 12.5 } }.ToByteArray();
        var cog = new DataPoint { Cog = new Scalar { Timestamp = (ulong)T0, Value = 90 } }.ToByteArray();
        var partial = new DataPoint { Sog = new Scalar { Value = 3 } }.ToByteArray();
        foreach (var point in new[] { sog.Concat(cog).ToArray(), sog.Concat(partial).ToArray(), cog.Concat(sog).ToArray() })
        {
            var dataMessage = new byte[] { 0x0A, (byte)point.Length }.Concat(point).ToArray();
            var data = new byte[] { 0x0A, (byte)dataMessage.Length }.Concat(dataMessage).ToArray();
            AssertSameAsGenerated(new byte[] { 0x12, (byte)data.Length }.Concat(data).ToArray(), "GA-DK-AAAD");
        }
    }

    [Fact]
    public void The_fixtures_messages_give_what_the_generated_parser_gives()
    {
        foreach (var line in Fixtures.Lines("sap-riot_resources_data_base64_protobuf.jsonl"))
        {
            foreach (var value in System.Text.Json.JsonDocument.Parse(line).RootElement.EnumerateObject().SelectMany(p => p.Value.EnumerateArray()))
                AssertSameAsGenerated(Convert.FromBase64String(value.GetString()!), "DC-FE-AAKG");
        }
    }
}
