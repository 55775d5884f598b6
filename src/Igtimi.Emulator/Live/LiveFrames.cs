using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Igtimi.Emulator.Live;

/// <summary>
/// Builds one live data frame: a JSON array of packed objects (docs/design/igtimi-api.md sections 6 and 7) holding, for each subscribed
/// device, every sample of (<c>after</c>, <c>until</c>] the reader may read, exactly as <c>resources/data</c> writes them
/// (no compression). A device's GPS types (1–5) go in one element and its other types in a second element for the same
/// serial, as the docs' cadence note shows, so clients must merge. Empty blocks and elements are left out.
/// </summary>
internal static class LiveFrames
{
    private static bool IsGps(int type) => type is >= DataTypeCatalog.GpsLatLong and <= DataTypeCatalog.GpsAltitude;

    /// <summary>The frame's UTF-8 JSON, or null when no subscribed device has a sample in the window.</summary>
    public static byte[]? Build(FleetData data, EmulatorUser reader, IReadOnlyList<EmulatorDevice> devices, long after, long until)
    {
        if (until <= after)
            return null;
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer);
        writer.WriteStartArray();
        int elements = 0;
        foreach (var device in devices)
        {
            var blocks = new List<(SensorChannel Channel, IReadOnlyList<FleetSample> Samples)>();
            foreach (var channel in data.Channels(device))
            {
                var samples = data.Samples(device, channel.Type, after + 1, until, reader);
                if (samples.Count > 0)
                    blocks.Add((channel, samples));
            }
            foreach (bool gps in new[] { true, false })
            {
                var part = blocks.Where(b => IsGps(b.Channel.Type) == gps).ToList();
                if (part.Count == 0)
                    continue;
                writer.WriteStartObject();
                writer.WritePropertyName(device.SerialNumber);
                writer.WriteStartObject();
                foreach (var (channel, samples) in part)
                    WriteBlock(writer, channel, samples);
                writer.WriteEndObject();
                writer.WriteEndObject();
                elements++;
            }
        }
        writer.WriteEndArray();
        writer.Flush();
        return elements == 0 ? null : buffer.WrittenSpan.ToArray();
    }

    private static void WriteBlock(Utf8JsonWriter writer, SensorChannel channel, IReadOnlyList<FleetSample> samples)
    {
        writer.WritePropertyName(channel.Key);
        writer.WriteStartObject();
        writer.WritePropertyName("t");
        writer.WriteStartArray();
        foreach (var sample in samples)
            writer.WriteNumberValue(sample.Time);
        writer.WriteEndArray();
        for (int c = 1; c <= channel.Components; c++)
        {
            bool integer = channel.Decimals(c) == 0;
            writer.WritePropertyName(c.ToString(CultureInfo.InvariantCulture));
            writer.WriteStartArray();
            foreach (var sample in samples)
            {
                if (integer)
                    writer.WriteNumberValue((long)sample.Values[c - 1]);
                else
                    writer.WriteNumberValue(sample.Values[c - 1]);
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }
}
