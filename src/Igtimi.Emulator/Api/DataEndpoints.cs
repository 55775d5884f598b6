using System.Globalization;
using System.Text.Json;

namespace Igtimi.Emulator.Api;

/// <summary>
/// <c>GET resources/data</c> (the packed bulk format, written as a stream) and <c>GET resources/data/latest</c>
/// (the latest datum per device), both from <see cref="FleetData"/> and limited to what the caller may read.
/// Errors use the data error shape <c>{"error":…,"reason":…}</c> (docs/design/igtimi-api.md section 3).
/// </summary>
internal static class DataEndpoints
{
    /// <summary>The longest window one <c>resources/data</c> request may ask for (the real server had a one-month limit).</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(31);

    /// <summary>The writer is flushed to the response whenever this many bytes are pending.</summary>
    private const int FlushBytes = 64 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/resources/data", DataAsync);
        api.MapGet("/resources/data/latest", Latest);
    }

    private static IResult DataError(string reason) =>
        Results.Json(new { error = "bad_request", reason }, statusCode: StatusCodes.Status400BadRequest);

    private sealed record Block(SensorChannel Channel, IReadOnlyList<DataSpan> Spans, double Tolerance);

    private static async Task<IResult> DataAsync(HttpContext http, EmulatorWorld world, FleetData data)
    {
        var me = TokenFilter.CurrentUser(http);
        var parameters = new ApiParameters(http.Request.Query);
        DateTimeOffset? startTime, endTime;
        try
        {
            startTime = parameters.Time("start_time");
            endTime = parameters.Time("end_time");
        }
        catch (ApiParameterException ex)
        {
            return DataError(ex.Message);
        }
        if (startTime is not { } start)
            return DataError("start_time is required (milliseconds since 1970-01-01 UTC).");
        if (endTime is not { } end)
            return DataError("end_time is required (milliseconds since 1970-01-01 UTC).");
        if (start > end)
            return DataError("start_time must not be after end_time.");
        if (end - start > MaxWindow)
            return DataError("The time window must not be longer than 31 days; split the request.");
        var serials = parameters.Array("serial_numbers").Select(s => s.Trim()).Where(s => s.Length > 0).ToArray();
        if (serials.Length == 0)
            return DataError("serial_numbers[] is required.");

        // types[<code>]=<compression>; without any, every type the device has.
        Dictionary<int, double>? types = null;
        var map = parameters.Map("types");
        if (map.Count > 0)
        {
            types = [];
            foreach (var (key, value) in map)
            {
                if (!int.TryParse(key.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int code))
                    return DataError($"types[{key}]: the type must be a number.");
                double tolerance = 0;
                if (!string.IsNullOrWhiteSpace(value)
                    && (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out tolerance)
                        || double.IsNaN(tolerance) || double.IsInfinity(tolerance)))
                    return DataError($"types[{key}]: the compression must be a number.");
                types[code] = Math.Max(0, tolerance);
            }
        }

        long startMs = start.ToUnixTimeMilliseconds(), endMs = end.ToUnixTimeMilliseconds();
        var plan = new List<(EmulatorDevice Device, List<Block> Blocks, List<EmulatorUploadedFile> Files)>();
        var seen = new HashSet<long>();
        foreach (string serial in serials)
        {
            if (world.FindDevice(serial) is not { } device || !seen.Add(device.Id) || !world.DevicePermissions(me, device).Read)
                continue;
            var spans = data.Spans(device, startMs, endMs, me);
            var blocks = new List<Block>();
            foreach (var channel in data.Channels(device))
            {
                if (types is not null && !types.ContainsKey(channel.Type))
                    continue;
                if (FleetData.Count(spans, channel) > 0)
                    blocks.Add(new Block(channel, spans, channel.Type == DataTypeCatalog.GpsLatLong ? types?.GetValueOrDefault(channel.Type) ?? 0 : 0));
            }
            var files = types is not null && !types.ContainsKey(DataTypeCatalog.File) ? [] : UploadedFiles(world, data, me, device, startMs, endMs);
            if (blocks.Count > 0 || files.Count > 0)
                plan.Add((device, blocks, files));
        }

        return new PackedDataResult(data, plan);
    }

    /// <summary>Writes the packed JSON straight to the response body, flushing every ~64 KB.</summary>
    /// <summary>The files sent to the device's resources that start in [start, end] where the reader may read: its type-16 points.</summary>
    private static List<EmulatorUploadedFile> UploadedFiles(EmulatorWorld world, FleetData data, EmulatorUser me, EmulatorDevice device, long start, long end)
    {
        var reads = data.ReadIntervals(me, device);
        return world.UploadedFiles
            .Where(f => string.Equals(f.DeviceSerialNumber, device.SerialNumber, StringComparison.OrdinalIgnoreCase))
            .Select(f => (File: f, Time: f.StartTime.ToUnixTimeMilliseconds()))
            .Where(f => f.Time >= start && f.Time <= end && reads.Any(r => f.Time >= r.Start && f.Time <= r.End))
            .OrderBy(f => f.Time).Select(f => f.File).ToList();
    }

    private sealed class PackedDataResult(FleetData data, List<(EmulatorDevice Device, List<Block> Blocks, List<EmulatorUploadedFile> Files)> plan)
        : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            var ct = http.RequestAborted;
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = "application/json; charset=utf-8";
            await using var writer = new Utf8JsonWriter(http.Response.Body, new JsonWriterOptions { SkipValidation = true });
            writer.WriteStartObject();
            foreach (var (device, blocks, files) in plan)
            {
                writer.WritePropertyName(device.SerialNumber);
                writer.WriteStartObject();
                foreach (var block in blocks)
                {
                    writer.WritePropertyName(block.Channel.Key);
                    writer.WriteStartObject();
                    if (block.Tolerance > 0)
                        await WriteSimplifiedAsync(writer, device, block, ct);
                    else
                        await WriteColumnsAsync(writer, device, block, ct);
                    writer.WriteEndObject();
                }
                if (files.Count > 0)
                    WriteFiles(writer, files);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            await writer.FlushAsync(ct);
        }

        /// <summary>Type 16: filename, md5, content type (strings) and size in bytes, at each file's start time.</summary>
        private static void WriteFiles(Utf8JsonWriter writer, List<EmulatorUploadedFile> files)
        {
            writer.WritePropertyName("16");
            writer.WriteStartObject();
            writer.WritePropertyName("t");
            writer.WriteStartArray();
            foreach (var file in files)
                writer.WriteNumberValue(file.StartTime.ToUnixTimeMilliseconds());
            writer.WriteEndArray();
            var texts = new (string, Func<EmulatorUploadedFile, string>)[] { ("1", f => f.FileName), ("2", f => f.Md5), ("3", f => f.ContentType) };
            foreach (var (key, text) in texts)
            {
                writer.WritePropertyName(key);
                writer.WriteStartArray();
                foreach (var file in files)
                    writer.WriteStringValue(text(file));
                writer.WriteEndArray();
            }
            writer.WritePropertyName("4");
            writer.WriteStartArray();
            foreach (var file in files)
                writer.WriteNumberValue(file.Length);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        private async Task WriteColumnsAsync(Utf8JsonWriter writer, EmulatorDevice device, Block block, CancellationToken ct)
        {
            var channel = block.Channel;
            int period = channel.PeriodMs;
            writer.WritePropertyName("t");
            writer.WriteStartArray();
            foreach (var span in block.Spans)
            {
                for (long t = span.First(period) ?? long.MaxValue; t <= span.End; t += period)
                {
                    writer.WriteNumberValue(t);
                    if (writer.BytesPending >= FlushBytes)
                        await writer.FlushAsync(ct);
                }
            }
            writer.WriteEndArray();

            for (int c = 1; c <= channel.Components; c++)
            {
                bool integer = channel.Decimals(c) == 0;
                writer.WritePropertyName(ComponentKey(c));
                writer.WriteStartArray();
                foreach (var span in block.Spans)
                {
                    for (long t = span.First(period) ?? long.MaxValue; t <= span.End; t += period)
                    {
                        WriteValue(writer, data.Value(device, channel, span.Resource, t, c), integer);
                        if (writer.BytesPending >= FlushBytes)
                            await writer.FlushAsync(ct);
                    }
                }
                writer.WriteEndArray();
            }
        }

        private async Task WriteSimplifiedAsync(Utf8JsonWriter writer, EmulatorDevice device, Block block, CancellationToken ct)
        {
            // Douglas–Peucker needs the whole block: one device × type, never the whole payload.
            var channel = block.Channel;
            int period = channel.PeriodMs;
            var times = new List<long>();
            var lon = new List<double>();
            var lat = new List<double>();
            foreach (var span in block.Spans)
            {
                for (long t = span.First(period) ?? long.MaxValue; t <= span.End; t += period)
                {
                    times.Add(t);
                    lon.Add(data.Value(device, channel, span.Resource, t, 1));
                    lat.Add(data.Value(device, channel, span.Resource, t, 2));
                }
            }
            var kept = DouglasPeucker.Simplify(lon, lat, block.Tolerance);
            foreach (var (key, column) in new (string, Func<int, double>?)[] { ("t", null), ("1", i => lon[i]), ("2", i => lat[i]) })
            {
                writer.WritePropertyName(key);
                writer.WriteStartArray();
                foreach (int i in kept)
                {
                    if (column is null)
                        writer.WriteNumberValue(times[i]);
                    else
                        WriteValue(writer, column(i), integer: false);
                    if (writer.BytesPending >= FlushBytes)
                        await writer.FlushAsync(ct);
                }
                writer.WriteEndArray();
            }
        }
    }

    private static readonly string[] ComponentKeys = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    private static string ComponentKey(int c) => c < ComponentKeys.Length ? ComponentKeys[c] : c.ToString(CultureInfo.InvariantCulture);

    private static void WriteValue(Utf8JsonWriter writer, double value, bool integer)
    {
        if (integer)
            writer.WriteNumberValue((long)value);
        else
            writer.WriteNumberValue(value);
    }

    private static IResult Latest(HttpContext http, EmulatorWorld world, FleetData data, TimeProvider clock)
    {
        var me = TokenFilter.CurrentUser(http);
        var parameters = new ApiParameters(http.Request.Query);
        if (parameters.Value("type") is not { } typeText)
            return DataError("type is required (a data type code).");
        if (!int.TryParse(typeText.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int type))
            return DataError("type must be a data type code (a number).");
        var serials = DeviceEndpoints.SerialSet(parameters);
        var now = clock.GetUtcNow();

        var latest = new List<object>();
        foreach (var device in world.DevicesVisibleTo(me)
                     .Where(d => serials is null || serials.Contains(d.SerialNumber))
                     .OrderBy(d => d.SerialNumber, StringComparer.Ordinal))
        {
            if (data.Latest(device, type, now, me) is not { } found)
                continue;
            var (sample, resource) = found;
            var datum = new Dictionary<string, object>
            {
                ["serial_number"] = device.SerialNumber,
                ["resource_id"] = resource.Id,
            };
            var channel = data.Channel(device, type)!;
            for (int c = 1; c <= sample.Values.Length; c++)
                datum["c" + c.ToString(CultureInfo.InvariantCulture)] = channel.Decimals(c) == 0 ? (long)sample.Values[c - 1] : sample.Values[c - 1];
            datum["timestamp"] = new JsTime(sample.Time);
            latest.Add(new { latest_datum = datum });
        }
        return Results.Json(new { latest_data = latest });
    }
}
