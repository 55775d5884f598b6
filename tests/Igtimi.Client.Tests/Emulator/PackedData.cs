using System.Buffers;
using System.Text.Json;
using Xunit;

namespace Igtimi.Client.Tests.Emulator;

/// <summary>One block of packed data: the times and the component columns ("1" first).</summary>
public sealed record PackedBlock(long[] T, double[][] Components);

/// <summary>Test helpers for the packed <c>resources/data</c> format, with no dependency on Igtimi.Client.</summary>
public static class PackedData
{
    /// <summary>Parses a packed payload, asserting its shape: objects of objects, "t" integers, component keys "1", "2", …
    /// without gaps, equal lengths.</summary>
    public static Dictionary<string, Dictionary<string, PackedBlock>> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = new Dictionary<string, Dictionary<string, PackedBlock>>(StringComparer.Ordinal);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        foreach (var device in document.RootElement.EnumerateObject())
        {
            Assert.Equal(JsonValueKind.Object, device.Value.ValueKind);
            var blocks = new Dictionary<string, PackedBlock>(StringComparer.Ordinal);
            foreach (var block in device.Value.EnumerateObject())
            {
                var names = block.Value.EnumerateObject().Select(p => p.Name).ToList();
                Assert.Contains("t", names);
                var componentNames = names.Where(n => n != "t").ToList();
                Assert.Equal(Enumerable.Range(1, componentNames.Count).Select(i => i.ToString()), componentNames);
                long[] t = block.Value.GetProperty("t").EnumerateArray().Select(e =>
                {
                    Assert.True(e.TryGetInt64(out long v), $"t value {e.GetRawText()} is not an integer");
                    Assert.DoesNotContain('.', e.GetRawText());
                    return v;
                }).ToArray();
                Assert.NotEmpty(t);
                var components = componentNames.Select(n => block.Value.GetProperty(n).EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray();
                Assert.All(components, c => Assert.Equal(t.Length, c.Length));
                blocks.Add(block.Name, new PackedBlock(t, components));
            }
            Assert.NotEmpty(blocks);
            result.Add(device.Name, blocks);
        }
        return result;
    }

    /// <summary>
    /// Reads a packed payload from a stream with <see cref="Utf8JsonReader"/> (never holding it whole) and returns
    /// the number of samples (elements of the "t" arrays); asserts that each block's arrays have equal lengths.
    /// </summary>
    public static async Task<long> CountSamplesAsync(Stream stream, CancellationToken ct = default)
    {
        var buffer = new byte[64 * 1024];
        int filled = 0;
        var state = new JsonReaderState();
        bool final = false;
        var counter = new Counter();
        while (true)
        {
            int read = final ? 0 : await stream.ReadAsync(buffer.AsMemory(filled), ct);
            if (read == 0)
                final = true;
            filled += read;
            var reader = new Utf8JsonReader(buffer.AsSpan(0, filled), final, state);
            counter.Read(ref reader);
            state = reader.CurrentState;
            int consumed = (int)reader.BytesConsumed;
            Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
            filled -= consumed;
            if (final)
                break;
            if (filled == buffer.Length)
                Array.Resize(ref buffer, buffer.Length * 2);
        }
        Assert.Equal(0, counter.Depth);
        Assert.True(counter.Blocks > 0);
        return counter.Samples;
    }

    private sealed class Counter
    {
        public int Depth;
        public long Samples;
        public long Blocks;
        private bool _inT;
        private long _arrayLength;
        private long? _blockLength;

        public void Read(ref Utf8JsonReader reader)
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        Depth++;
                        if (Depth == 3)
                            _blockLength = null;
                        break;
                    case JsonTokenType.EndObject:
                        if (Depth == 3)
                            Blocks++;
                        Depth--;
                        break;
                    case JsonTokenType.PropertyName when Depth == 3:
                        _inT = reader.ValueTextEquals("t"u8);
                        break;
                    case JsonTokenType.StartArray:
                        Assert.Equal(3, Depth);
                        _arrayLength = 0;
                        break;
                    case JsonTokenType.Number:
                        _arrayLength++;
                        if (_inT)
                            Samples++;
                        break;
                    case JsonTokenType.EndArray:
                        if (_blockLength is long expected)
                            Assert.Equal(expected, _arrayLength);
                        _blockLength = _arrayLength;
                        break;
                    default:
                        break;
                }
            }
        }
    }
}
