using System.Text;
using Igtimi.Client.Data;
using Igtimi.Client.Dialects.IgtimiCom;
using Igtimi.Client.Http;
using Igtimi.Client.Tests.Models;
using Xunit;

namespace Igtimi.Client.Tests.Hostile;

/// <summary>
/// A seeded corpus of mutated packed-data and latest-data bodies fed straight into the client's
/// parsers (no server): whatever the bytes, the only exception is the module's own, nothing hangs,
/// and no impossible timestamp reaches the output.
/// </summary>
public class ParserFuzzTests
{
    public const int PackedBodies = 400;
    public const int LatestBodies = 200;
    private const int Seed = 20261201;

    private static readonly string[] Tokens =
    [
        "NaN", "Infinity", "-1e15", "1e300", "1e400", "99999999999999999", "-0", "0", "null", "true", "\"x\"", "\"NaN\"",
        "[]", "{}", "[[[[[[", "]]]]", "{\"a\":", "\"\\ud800\"", "\"\\u0000\"", "9223372036854775808", "-9223372036854775809",
        "\"999999999999\"", "\"13:-1\"", "\" 1\"", "1.5e3", "\"2024-01-01T00:00:00Z\"", "{\"error\":\"boom\",\"reason\":\"why\"}",
    ];

    private static readonly string[] PackedSeeds =
    [
        Fixtures.Read("igtimi-docs_packed_data_multi_device_dsi.json"),
        Fixtures.Read("igtimi-docs_resources_data_types1-2.json"),
        "{\"GA-DK-AAAD\":{\"1\":{\"t\":[1700000000000,1700000001000,1700000002000],\"1\":[174.1,174.2,174.3],\"2\":[-36.1,-36.2,-36.3]}," +
        "\"9\":{\"t\":[1700000000000,1700000001000],\"1\":[12.5,13.1]},\"13:201\":{\"t\":[1700000000000],\"1\":[5],\"2\":[6],\"3\":[120]}}}",
        "[{\"S1\":{\"1\":{\"t\":[1700000000000],\"1\":[2],\"2\":[3]}}},{\"S1\":{\"9\":{\"t\":[1700000000000],\"1\":[4]}}}]",
    ];

    private static readonly string[] LatestSeeds =
    [
        Fixtures.Read("igtimi-docs_latest_data_type1.json"),
        "{\"latest_data\":[{\"latest_datum\":{\"serial_number\":\"DD-EE-AAGA\",\"resource_id\":1012353,\"c1\":0.5556,\"timestamp\":1384091813000.0}}," +
        "{\"latest_datum\":{\"serial_number\":\"DD-EE-AAHG\",\"resource_id\":1012356,\"c1\":0.3704,\"timestamp\":1384078160000.0}}]}",
    ];

    public static IEnumerable<byte[]> Mutate(string[] seeds, int count, int seed)
    {
        var random = new Random(seed);
        for (var n = 0; n < count; n++)
        {
            var text = seeds[random.Next(seeds.Length)];
            var bytes = Encoding.UTF8.GetBytes(text).ToList();
            var mutations = 1 + random.Next(4);
            for (var m = 0; m < mutations && bytes.Count > 0; m++)
            {
                var at = random.Next(bytes.Count);
                switch (random.Next(9))
                {
                    case 0: bytes[at] = (byte)random.Next(256); break;                                   // flip a byte
                    case 1: bytes.RemoveRange(at, bytes.Count - at); break;                             // cut the body
                    case 2: bytes.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[random.Next(Tokens.Length)])); break;
                    case 3: bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(12))); break;
                    case 4: bytes.InsertRange(at, new byte[] { 0xC3, 0x28, 0xFF, 0xFE }); break;        // invalid UTF-8
                    case 5: bytes.InsertRange(0, Encoding.UTF8.GetBytes(new string('[', 40 + random.Next(200)))); break;
                    case 6: ReplaceNumber(bytes, random); break;
                    case 7: bytes.InsertRange(at, bytes.GetRange(at, Math.Min(bytes.Count - at, 1 + random.Next(40)))); break;
                    default: ReplaceKey(bytes, random); break;
                }
            }
            yield return bytes.ToArray();
        }
    }

    /// <summary>Swaps one number of the body for an absurd one (NaN, 1e300, a huge integer, a string).</summary>
    private static void ReplaceNumber(List<byte> bytes, Random random)
    {
        var text = Encoding.UTF8.GetString(bytes.ToArray());
        var matches = System.Text.RegularExpressions.Regex.Matches(text, @"-?\d+(\.\d+)?([eE][+-]?\d+)?");
        if (matches.Count == 0) return;
        var match = matches[random.Next(matches.Count)];
        var replacement = Tokens[random.Next(Tokens.Length)];
        text = text.Substring(0, match.Index) + replacement + text.Substring(match.Index + match.Length);
        bytes.Clear();
        bytes.AddRange(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Renames one key: a type key becomes "999999999999", "t" becomes "T", a component "7".</summary>
    private static void ReplaceKey(List<byte> bytes, Random random)
    {
        var text = Encoding.UTF8.GetString(bytes.ToArray());
        var matches = System.Text.RegularExpressions.Regex.Matches(text, "\"[^\"]{1,12}\":");
        if (matches.Count == 0) return;
        var match = matches[random.Next(matches.Count)];
        string[] keys = ["\"999999999999\":", "\"T\":", "\"7\":", "\"0\":", "\"-1\":", "\"1:x\":", "\"serial_number\":", "\"timestamp\":", "\"\":"];
        text = text.Substring(0, match.Index) + keys[random.Next(keys.Length)] + text.Substring(match.Index + match.Length);
        bytes.Clear();
        bytes.AddRange(Encoding.UTF8.GetBytes(text));
    }

    [Fact]
    public void The_corpus_has_the_size_the_suite_promises()
    {
        Assert.Equal(PackedBodies, Mutate(PackedSeeds, PackedBodies, Seed).Count());
        Assert.Equal(LatestBodies, Mutate(LatestSeeds, LatestBodies, Seed + 1).Count());
        Assert.Equal(Mutate(PackedSeeds, 5, Seed).Select(Convert.ToBase64String), Mutate(PackedSeeds, 5, Seed).Select(Convert.ToBase64String));
    }

    [Fact]
    public async Task Mutated_packed_bodies_give_blocks_with_plausible_times_or_the_modules_error()
    {
        var outcomes = new Dictionary<string, int>();
        var index = 0;
        foreach (var body in Mutate(PackedSeeds, PackedBodies, Seed))
        {
            var blocks = new List<IgtimiDataBlock>();
            var warnings = new List<string>();
            var reader = new PackedDataReader((b, _) => { blocks.Add(b); return Task.CompletedTask; }) { Warning = warnings.Add };
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var error = await Record.ExceptionAsync(() => reader.ReadAsync(new MemoryStream(body), deadline.Token));
            Assert.False(deadline.IsCancellationRequested, $"body {index} took longer than 5 s");
            if (error != null)
            {
                Assert.True(error is IgtimiApiException, $"body {index} threw {error.GetType().FullName}: {error.Message}\n{Encoding.UTF8.GetString(body)}");
                Assert.DoesNotContain("\n", error.Message);
            }
            foreach (var block in blocks) AssertPlausible(block, index, body);
            var key = error is null ? "read" : ((IgtimiApiException)error).Kind.ToString();
            outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
            index++;
        }
        // The corpus must exercise both sides: readable bodies and refused ones.
        Assert.True(outcomes.GetValueOrDefault("read") > 20, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault(nameof(IgtimiErrorKind.InvalidResponse)) > 20, string.Join(", ", outcomes));
    }

    [Fact]
    public void Mutated_latest_bodies_give_plausible_points_or_the_modules_error()
    {
        var read = 0;
        var refused = 0;
        var index = 0;
        foreach (var body in Mutate(LatestSeeds, LatestBodies, Seed + 1))
        {
            var warnings = new List<string>();
            IReadOnlyList<IgtimiDataPoint>? points = null;
            var error = Record.Exception(() => points = LatestDataParse(body, warnings));
            if (error != null)
            {
                Assert.True(error is IgtimiApiException,
                    $"latest body {index} threw {error.GetType().FullName}: {error.Message}\n{Encoding.UTF8.GetString(body)}");
                refused++;
            }
            else
            {
                read++;
                foreach (var point in points!)
                {
                    Assert.True(UnixTime.IsPlausible(point.UnixTimeMilliseconds), $"latest body {index}: {point.UnixTimeMilliseconds}");
                    Assert.False(string.IsNullOrWhiteSpace(point.SerialNumber));
                    _ = point.ToString();
                }
            }
            index++;
        }
        Assert.True(read > 10 && refused > 10, $"read {read}, refused {refused}");
    }

    [Fact]
    public async Task Mutated_live_frames_give_plausible_blocks_or_the_modules_error()
    {
        using var http = new IgtimiHttp(new IgtimiClientOptions(new Uri("https://igtimi.example/")), () => null, new StubHandler());
        var protocol = new IgtimiComDialect(http).Live;
        var index = 0;
        foreach (var body in Mutate(PackedSeeds, 150, Seed + 2))
        {
            var blocks = new List<IgtimiDataBlock>();
            var error = await Record.ExceptionAsync(() => protocol.ReadFrameAsync(body, binary: index % 10 == 0,
                (b, _) => { blocks.Add(b); return Task.CompletedTask; }, _ => { }, default));
            if (error != null) Assert.True(error is IgtimiApiException, $"frame {index} threw {error.GetType().FullName}: {error.Message}");
            foreach (var block in blocks) AssertPlausible(block, index, body);
            index++;
        }
    }

    private static IReadOnlyList<IgtimiDataPoint> LatestDataParse(byte[] body, List<string> warnings) =>
        LatestDataReader.Parse(body, 1, warnings.Add);

    private static void AssertPlausible(IgtimiDataBlock block, int index, byte[] body)
    {
        for (var i = 0; i < block.Count; i++)
        {
            Assert.True(UnixTime.IsPlausible(block.Times[i]), $"body {index}: block {block} has the time {block.Times[i]}\n{Encoding.UTF8.GetString(body)}");
            var point = block.PointAt(i);
            Assert.Equal(block.Times[i], point.UnixTimeMilliseconds);
            Assert.NotEqual(default, point.Timestamp);
            _ = point.ToString();
            if (point is IgtimiPositionPoint position)
            {
                Assert.False(Math.Abs(position.Latitude) > 90, $"body {index}: latitude {position.Latitude}");
                Assert.False(Math.Abs(position.Longitude) > 180, $"body {index}: longitude {position.Longitude}");
            }
        }
    }
}
