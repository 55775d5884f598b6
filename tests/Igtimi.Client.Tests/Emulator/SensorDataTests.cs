using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Igtimi.Emulator;
using Xunit;

namespace Igtimi.Client.Tests.Emulator;

/// <summary><c>resources/data</c> and <c>resources/data/latest</c> over plain HTTP, checked against the fleet model.</summary>
public class SensorDataTests : IClassFixture<RegattaEmulatorFixture>
{
    private const string Owner = EmulatorCredentials.OwnerToken;
    private const string Coach = EmulatorCredentials.CoachToken;
    private const string Outsider = EmulatorCredentials.OutsiderToken;
    internal static readonly int[] AllTypes = [1, 2, 3, 6, 8, 9, 11, 12, 13, 15];

    private readonly RegattaEmulatorFixture _emu;

    public SensorDataTests(RegattaEmulatorFixture emulator) => _emu = emulator;

    private EmulatorWorld World => _emu.World;

    private FleetData Data => _emu.Emulator.Data;

    private static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    internal static string DataPath(long start, long end, IEnumerable<string> serials, IEnumerable<int> types, double gpsTolerance = 0) =>
        "api/v1/resources/data?start_time=" + start + "&end_time=" + end
        + string.Concat(serials.Select(s => "&serial_numbers[]=" + Uri.EscapeDataString(s)))
        + string.Concat(types.Select(t => $"&types[{t}]=" + (t == 1 ? gpsTolerance.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "0")));

    private async Task<Dictionary<string, Dictionary<string, PackedBlock>>> DataAsync(string token, long start, long end,
        IEnumerable<string>? serials = null, IEnumerable<int>? types = null, double gps = 0) =>
        PackedData.Parse(await _emu.GetTextAsync(token, DataPath(start, end, serials ?? World.Devices.Select(d => d.SerialNumber), types ?? AllTypes, gps)));

    private (double Lat, double Lon) WindwardMark(EmulatorSession race)
    {
        var mark = race.Log.Select(e => e.Data).OfType<EmulatorLogObject>().Select(o => o.Object).First(o => o.BuoyType == "mark");
        return (mark.Latitude!.Value, mark.Longitude!.Value);
    }

    [Fact]
    public async Task Packed_data_has_the_documented_shape_keys_and_lon_lat_order()
    {
        var race = World.Races[1];
        var data = await DataAsync(Owner, Ms(race.StartTime), Ms(race.EndTime!.Value));
        var (markLat, markLon) = WindwardMark(race);

        Assert.Equal(World.Devices.Select(d => d.SerialNumber).ToHashSet(), data.Keys.ToHashSet());
        foreach (var device in World.Devices)
        {
            var blocks = data[device.SerialNumber];
            var expectedKeys = device.DataTypes.Select(t => t == 13 ? "13:" + FleetData.HeartRateDsi : t.ToString()).ToHashSet();
            Assert.Equal(expectedKeys, blocks.Keys.ToHashSet());
            Assert.Equal(2, blocks["1"].Components.Length);
            foreach (var (key, block) in blocks)
            {
                int type = int.Parse(key.Split(':')[0]);
                Assert.Equal(DataTypeCatalog.Find(type)!.Components.Count, block.Components.Length);
                Assert.Equal(block.T.Order().ToArray(), block.T);
                Assert.All(block.T, t => Assert.InRange(t, Ms(race.StartTime), Ms(race.EndTime!.Value)));
            }
            // Component 1 is the longitude, component 2 the latitude: both near the venue's marks.
            Assert.All(blocks["1"].Components[0], lon => Assert.InRange(lon, markLon - 0.05, markLon + 0.05));
            Assert.All(blocks["1"].Components[1], lat => Assert.InRange(lat, markLat - 0.05, markLat + 0.05));
            Assert.All(blocks["1"].Components[1], lat => Assert.InRange(lat, -90, 90));
        }

        var heart = data[World.HeartRateBoat.SerialNumber]["13:201"];
        Assert.All(heart.Components[2], bpm => Assert.InRange(bpm, 60, 200));
        Assert.Equal(heart.Components[1].Order().ToArray(), heart.Components[1]);
        var sog = data[World.YachtBots[0].SerialNumber]["9"].Components[0];
        Assert.All(sog, kmh => Assert.InRange(kmh, 9, 15.5));
        // 1 Hz on the fast channels, 10 s for quality and satellites, 60 s for the battery.
        var blocksOfBoat = data[World.YachtBots[0].SerialNumber];
        Assert.Equal(1000, blocksOfBoat["6"].T[1] - blocksOfBoat["6"].T[0]);
        Assert.Equal(10_000, blocksOfBoat["3"].T[1] - blocksOfBoat["3"].T[0]);
        Assert.Equal(60_000, blocksOfBoat["15"].T[1] - blocksOfBoat["15"].T[0]);
    }

    [Fact]
    public async Task Values_have_a_few_decimals_and_samples_equal_the_model()
    {
        var race = World.Races[0];
        long start = Ms(race.StartTime), end = start + 120_000;
        string json = await _emu.GetTextAsync(Owner, DataPath(start, end, World.Devices.Select(d => d.SerialNumber), AllTypes));
        Assert.DoesNotMatch(@"\d\.\d{8,}", json);
        var data = PackedData.Parse(json);
        foreach (var device in World.Devices)
        {
            foreach (var channel in Data.Channels(device))
            {
                var expected = Data.Samples(device, channel.Type, start, end, World.Owner);
                var block = data[device.SerialNumber][channel.Key];
                Assert.Equal(expected.Select(s => s.Time), block.T);
                for (int c = 0; c < channel.Components; c++)
                    Assert.Equal(expected.Select(s => s.Values[c]), block.Components[c]);
            }
        }
    }

    [Fact]
    public async Task Bounds_are_inclusive_and_types_filter()
    {
        var boat = World.YachtBots[2];
        long start = Ms(World.Races[0].StartTime) + 5000, end = start + 10_000;
        var data = await DataAsync(Owner, start, end, [boat.SerialNumber], [9, 57]);
        var block = Assert.Single(Assert.Single(data).Value);
        Assert.Equal("9", block.Key);
        Assert.Equal(start, block.Value.T[0]);
        Assert.Equal(end, block.Value.T[^1]);
        Assert.Equal(11, block.Value.T.Length);

        var single = await DataAsync(Owner, start, start, [boat.SerialNumber], [1]);
        Assert.Equal([start], single[boat.SerialNumber]["1"].T);
    }

    [Fact]
    public async Task Adjacent_windows_split_the_data_with_nothing_lost_or_doubled()
    {
        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Seed = 1, AnchorDate = RegattaEmulatorFixture.Anchor, Hz = 4 });
        using var http = new HttpClient { BaseAddress = emulator.BaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Owner);
        var serials = emulator.World.Devices.Select(d => d.SerialNumber).ToArray();
        long a = Ms(emulator.World.Races[2].StartTime) - 300_000, b = a + 600_000, m = a + 277_777;

        async Task<Dictionary<string, Dictionary<string, PackedBlock>>> Get(long s, long e) =>
            PackedData.Parse(await http.GetStringAsync(DataPath(s, e, serials, AllTypes)));
        var whole = await Get(a, b);
        var first = await Get(a, m);
        var second = await Get(m + 1, b);

        Assert.Equal(250, whole[serials[0]]["1"].T[1] - whole[serials[0]]["1"].T[0]);
        foreach (var (serial, blocks) in whole)
        {
            foreach (var (key, block) in blocks)
            {
                var t = (first.GetValueOrDefault(serial)?.GetValueOrDefault(key)?.T ?? [])
                    .Concat(second.GetValueOrDefault(serial)?.GetValueOrDefault(key)?.T ?? []).ToArray();
                Assert.Equal(block.T, t);
                for (int c = 0; c < block.Components.Length; c++)
                {
                    var values = (first.GetValueOrDefault(serial)?.GetValueOrDefault(key)?.Components[c] ?? [])
                        .Concat(second.GetValueOrDefault(serial)?.GetValueOrDefault(key)?.Components[c] ?? []);
                    Assert.Equal(block.Components[c], values);
                }
            }
        }
    }

    [Fact]
    public async Task Data_is_deterministic_across_requests_and_instances()
    {
        var race = World.Races[3];
        string path = DataPath(Ms(race.StartTime), Ms(race.StartTime) + 300_000, World.Devices.Select(d => d.SerialNumber), AllTypes);
        string first = await _emu.GetTextAsync(Owner, path);
        Assert.Equal(first, await _emu.GetTextAsync(Owner, path));

        await using var other = await EmulatorHost.StartAsync(new EmulatorOptions { Seed = 1, AnchorDate = RegattaEmulatorFixture.Anchor });
        using var http = new HttpClient { BaseAddress = other.BaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Owner);
        Assert.Equal(first, await http.GetStringAsync(path));
    }

    [Fact]
    public async Task Post_with_method_get_works_and_the_sensor_is_off_at_night()
    {
        var boat = World.YachtBots[0];
        long start = Ms(World.Races[0].StartTime);
        var form = new List<KeyValuePair<string, string>>
        {
            new("_method", "GET"), new("access_token", Owner), new("start_time", start.ToString()), new("end_time", (start + 4000).ToString()),
            new("serial_numbers[]", boat.SerialNumber), new("types[9]", "0"), new("restore_archives", "true"),
        };
        using var response = await _emu.Http.PostAsync("api/v1/resources/data", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var data = PackedData.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(5, data[boat.SerialNumber]["9"].T.Length);

        var midnight = new DateTimeOffset(RegattaEmulatorFixture.Anchor.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        Assert.Equal("{}", await _emu.GetTextAsync(Owner, DataPath(Ms(midnight), Ms(midnight.AddHours(8)), [boat.SerialNumber], AllTypes)));
        Assert.Equal("{}", await _emu.GetTextAsync(Owner, DataPath(start, start + 4000, ["ZZ-ZZ-ZZZZ"], AllTypes)));
    }

    [Fact]
    public async Task Outsider_gets_yachtbots_during_races_only_and_coach_gets_the_whole_fleet()
    {
        var day = new DateTimeOffset(RegattaEmulatorFixture.Anchor.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        long start = Ms(day), end = Ms(day.AddDays(1)) - 1;
        var outsider = await DataAsync(Outsider, start, end, types: [1, 9]);
        Assert.Equal(World.YachtBots.Select(d => d.SerialNumber).ToHashSet(), outsider.Keys.ToHashSet());
        var races = World.Races.Select(r => (Ms(r.StartTime), Ms(r.EndTime!.Value))).ToArray();
        foreach (var (serial, blocks) in outsider)
        {
            Assert.All(blocks.Values.SelectMany(b => b.T), t => Assert.Contains(races, r => t >= r.Item1 && t <= r.Item2));
            var device = World.FindDevice(serial)!;
            Assert.Equal(Data.Samples(device, 9, start, end, World.Outsider).Select(s => s.Time), blocks["9"].T);
            Assert.True(blocks["9"].T.Length < Data.Count(device, 9, start, end));
        }

        var coach = await DataAsync(Coach, start, end, types: [11]);
        Assert.Equal(World.WindBots.Select(d => d.SerialNumber).ToHashSet(), coach.Keys.ToHashSet());
    }

    [Fact]
    public async Task Gps_tolerance_simplifies_type_1_only_and_keeps_first_and_last()
    {
        var boat = World.YachtBots[4];
        var race = World.Races[1];
        long start = Ms(race.StartTime), end = Ms(race.EndTime!.Value);
        var full = (await DataAsync(Owner, start, end, [boat.SerialNumber], [1, 9]))[boat.SerialNumber];
        string path = DataPath(start, end, [boat.SerialNumber], [1], 0.00005) + "&types[9]=5";
        var simplified = PackedData.Parse(await _emu.GetTextAsync(Owner, path))[boat.SerialNumber];

        var gps = simplified["1"];
        Assert.InRange(gps.T.Length, 3, full["1"].T.Length / 5);
        Assert.Equal(full["1"].T[0], gps.T[0]);
        Assert.Equal(full["1"].T[^1], gps.T[^1]);
        var index = full["1"].T.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i);
        foreach (var (t, k) in gps.T.Select((t, k) => (t, k)))
        {
            Assert.Equal(full["1"].Components[0][index[t]], gps.Components[0][k]);
            Assert.Equal(full["1"].Components[1][index[t]], gps.Components[1][k]);
        }
        // Every dropped point is within the tolerance of the simplified line.
        for (int k = 0; k + 1 < gps.T.Length; k++)
        {
            for (int i = index[gps.T[k]] + 1; i < index[gps.T[k + 1]]; i++)
            {
                double d = DouglasPeucker.SegmentDistance(full["1"].Components[0][i], full["1"].Components[1][i],
                    gps.Components[0][k], gps.Components[1][k], gps.Components[0][k + 1], gps.Components[1][k + 1]);
                Assert.True(d <= 0.00005 + 1e-12, $"point {i} is {d} from the line");
            }
        }
        Assert.Equal(full["9"].T, simplified["9"].T);
        Assert.Equal(Data.Samples(boat, 1, start, end, World.Owner, 0.00005).Select(s => s.Time), gps.T);
    }

    [Fact]
    public async Task Latest_data_has_the_documented_shape_sorted_with_float_timestamps()
    {
        string text = await _emu.GetTextAsync(Owner, "api/v1/resources/data/latest?type=1");
        var root = JsonDocument.Parse(text).RootElement;
        var items = RegattaEmulatorFixture.Unwrap(root, "latest_data", "latest_datum");
        var serials = items.Select(i => i.GetProperty("serial_number").GetString()!).ToList();
        Assert.Equal(World.Devices.Select(d => d.SerialNumber).Order(StringComparer.Ordinal), serials);
        foreach (var item in items)
        {
            var device = World.FindDevice(item.GetProperty("serial_number").GetString()!)!;
            Assert.Equal(["serial_number", "resource_id", "c1", "c2", "timestamp"], item.EnumerateObject().Select(p => p.Name));
            string timestamp = item.GetProperty("timestamp").GetRawText();
            Assert.EndsWith(".0", timestamp);
            // The anchor date is in the past: the latest sample is the last of the regatta.
            var (sample, resource) = Data.Latest(device, 1, DateTimeOffset.UtcNow, World.Owner)!.Value;
            Assert.Equal(sample.Time, (long)double.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(resource.Id, item.GetProperty("resource_id").GetInt64());
            Assert.Equal(World.Resources.Where(r => r.DeviceSerialNumber == device.SerialNumber).Max(r => r.EndTime), resource.EndTime);
            Assert.Equal(sample.Values[0], item.GetProperty("c1").GetDouble());
            Assert.Equal(sample.Values[1], item.GetProperty("c2").GetDouble());
            Assert.InRange(item.GetProperty("c2").GetDouble(), -90, 90);
        }

        // Devices without data of that type are left out; serial_numbers[] filters; type 13 is the strap's data.
        var heart = RegattaEmulatorFixture.Unwrap(await _emu.GetJsonAsync(Owner, "api/v1/resources/data/latest?type=13"), "latest_data", "latest_datum");
        var strap = Assert.Single(heart);
        Assert.Equal(World.HeartRateBoat.SerialNumber, strap.GetProperty("serial_number").GetString());
        Assert.True(strap.TryGetProperty("c3", out _));
        string two = $"api/v1/resources/data/latest?type=11&serial_numbers[]={World.WindBots[0].SerialNumber}" +
                     $"&serial_numbers[]={World.YachtBots[0].SerialNumber}";
        Assert.Equal([World.WindBots[0].SerialNumber],
            RegattaEmulatorFixture.Unwrap(await _emu.GetJsonAsync(Owner, two), "latest_data", "latest_datum")
                .Select(i => i.GetProperty("serial_number").GetString()));

        // The outsider reads the boats during races only: their latest point is at the end of the last race.
        var outsider = RegattaEmulatorFixture.Unwrap(await _emu.GetJsonAsync(Outsider, "api/v1/resources/data/latest?type=9"), "latest_data", "latest_datum");
        Assert.Equal(World.YachtBots.Count, outsider.Count);
        long lastRaceEnd = Ms(World.Races[^1].EndTime!.Value);
        Assert.All(outsider, i => Assert.InRange(i.GetProperty("timestamp").GetDouble(), lastRaceEnd - 1000, lastRaceEnd));
    }

    [Fact]
    public async Task Latest_data_uses_the_emulator_clock()
    {
        var noon = new DateTimeOffset(RegattaEmulatorFixture.Anchor.ToDateTime(new TimeOnly(12, 0, 0, 500)), TimeSpan.Zero);
        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Seed = 1, AnchorDate = RegattaEmulatorFixture.Anchor, Clock = new FixedClock(noon),
        });
        using var http = new HttpClient { BaseAddress = emulator.BaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Owner);
        var root = JsonDocument.Parse(await http.GetStringAsync("api/v1/resources/data/latest?type=6")).RootElement;
        var items = RegattaEmulatorFixture.Unwrap(root, "latest_data", "latest_datum");
        Assert.Equal(emulator.World.Devices.Count(d => d.DataTypes.Contains(6)), items.Count);
        Assert.All(items, i => Assert.Equal(Ms(noon) - 500, i.GetProperty("timestamp").GetDouble()));
    }

    [Theory]
    [InlineData("api/v1/resources/data?end_time=1749988800000&serial_numbers[]=X&types[1]=0", "start_time")]
    [InlineData("api/v1/resources/data?start_time=1749988800000&serial_numbers[]=X&types[1]=0", "end_time")]
    [InlineData("api/v1/resources/data?start_time=1749988800000&end_time=1749988900000&types[1]=0", "serial_numbers")]
    [InlineData("api/v1/resources/data?start_time=1749988800000&end_time=1752667200001&serial_numbers[]=X", "31 days")]
    [InlineData("api/v1/resources/data?start_time=1749988900000&end_time=1749988800000&serial_numbers[]=X", "after")]
    [InlineData("api/v1/resources/data?start_time=abc&end_time=1749988800000&serial_numbers[]=X", "start_time")]
    [InlineData("api/v1/resources/data?start_time=1749988800000&end_time=1749988900000&serial_numbers[]=X&types[gps]=0", "type")]
    [InlineData("api/v1/resources/data/latest?serial_numbers[]=X", "type")]
    public async Task Bad_data_requests_get_400_with_the_data_error_shape(string path, string reasonContains)
    {
        using var response = await _emu.GetAsync(Owner, path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(JsonValueKind.String, root.GetProperty("error").ValueKind);
        Assert.Contains(reasonContains, root.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Exactly_31_days_is_allowed()
    {
        long start = Ms(World.RegattaStart.AddDays(-20));
        string path = DataPath(start, start + 31L * 86_400_000, [World.YachtBots[0].SerialNumber], [15]);
        var data = PackedData.Parse(await _emu.GetTextAsync(Owner, path));
        Assert.Equal(Data.Count(World.YachtBots[0], 15, start, start + 31L * 86_400_000), data[World.YachtBots[0].SerialNumber]["15"].T.Length);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
