using Igtimi.Client.Auth;
using Igtimi.Client.Data;
using Igtimi.Client.Http;
using Igtimi.Emulator;
using Xunit;

namespace Igtimi.Client.Tests.Data;

/// <summary>Get-IgtimiData's engine against the in-process emulator: complete, exact, and nothing lost under faults.</summary>
public sealed class DownloaderTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Day = new(2025, 6, 15, 0, 0, 0, TimeSpan.Zero);
    private RunningEmulator _emulator = null!;
    private IgtimiConnection _owner = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Seed = 1, AnchorDate = new DateOnly(2025, 6, 15) });
        var options = new IgtimiClientOptions(_emulator.BaseUri)
        {
            Retry = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(20) },
        };
        _owner = await IgtimiConnection.ConnectAsync(options, new AccessTokenGrant(EmulatorFixture.OwnerToken), default);
    }

    public async Task DisposeAsync()
    {
        _owner.Dispose();
        await _emulator.DisposeAsync();
    }

    private IgtimiDataQuery Query(int devices, TimeSpan slice, params int[] types) => new()
    {
        SerialNumbers = _emulator.World.Devices.Take(devices).Select(d => d.SerialNumber).ToArray(),
        Start = Day.AddHours(10),
        End = Day.AddHours(12),
        Types = types,
        SliceLength = slice,
    };

    private async Task<List<string>> Download(IgtimiDataQuery query)
    {
        var keys = new List<string>();
        var gate = new object();
        await new IgtimiDataDownloader(_owner, query).RunAsync((block, _) =>
        {
            lock (gate)
                foreach (var point in block.Points())
                    keys.Add($"{point.SerialNumber}|{point.Type}|{point.Dsi}|{point.UnixTimeMilliseconds}|{string.Join(",", point.Values)}");
            return Task.CompletedTask;
        }, default);
        return keys;
    }

    [Fact]
    public async Task Every_sample_the_server_has_arrives_exactly_once_across_slices()
    {
        var query = Query(3, TimeSpan.FromMinutes(7), 1, 9, 13);
        var keys = await Download(query);
        Assert.Equal(keys.Count, keys.Distinct().Count());
        long expected = 0;
        foreach (var device in _emulator.World.Devices.Take(3))
            foreach (var type in new[] { 1, 9, 13 })
                expected += _emulator.Data.Count(device, type, UnixTime.ToMilliseconds(query.Start), UnixTime.ToMilliseconds(query.End));
        Assert.Equal(expected, keys.Count);
        Assert.Equal((await Download(Query(3, TimeSpan.FromDays(7), 1, 9, 13))).OrderBy(k => k), keys.OrderBy(k => k));
    }

    [Fact]
    public async Task Values_match_the_fleet_model_with_longitude_first()
    {
        var device = _emulator.World.Devices[0];
        var query = Query(1, TimeSpan.FromDays(7), 1);
        IgtimiDataBlock? gps = null;
        await new IgtimiDataDownloader(_owner, query).RunAsync((b, _) => { gps = b; return Task.CompletedTask; }, default);
        var expected = _emulator.Data.Samples(device, 1, UnixTime.ToMilliseconds(query.Start), UnixTime.ToMilliseconds(query.End));
        Assert.Equal(expected.Select(s => s.Time), gps!.Times);
        var point = (IgtimiPositionPoint)gps.PointAt(0);
        Assert.Equal(expected[0].Values[0], point.Longitude);
        Assert.Equal(expected[0].Values[1], point.Latitude);
    }

    [Fact]
    public async Task Nothing_is_lost_or_doubled_when_bodies_are_cut_and_statuses_fail()
    {
        var clean = await Download(Query(4, TimeSpan.FromMinutes(30), 1, 9));
        _emulator.Faults.EnqueueReset(3000, "/api/v1/resources/data");
        _emulator.Faults.Enqueue(503, 0, "/api/v1/resources/data");
        _emulator.Faults.EnqueueReset(20000, "/api/v1/resources/data");
        _emulator.Faults.Enqueue(429, 0, "/api/v1/resources/data");
        _emulator.Faults.EnqueueReset(500, "/api/v1/resources/data");
        var faulted = await Download(Query(4, TimeSpan.FromMinutes(30), 1, 9));
        Assert.Equal(0, _emulator.Faults.PendingCount);
        Assert.Equal(clean.OrderBy(k => k), faulted.OrderBy(k => k));
        Assert.Equal(faulted.Count, faulted.Distinct().Count());
    }

    [Fact]
    public async Task Per_device_and_type_the_times_ascend()
    {
        var times = new Dictionary<string, long>();
        await new IgtimiDataDownloader(_owner, Query(3, TimeSpan.FromMinutes(13), 1, 9)).RunAsync((block, _) =>
        {
            lock (times)
            {
                var key = block.SerialNumber + "|" + block.Key;
                foreach (var t in block.Times)
                {
                    if (times.TryGetValue(key, out var last)) Assert.True(t > last, $"{key}: {t} after {last}");
                    times[key] = t;
                }
            }
            return Task.CompletedTask;
        }, default);
        Assert.NotEmpty(times);
    }

    [Fact]
    public async Task A_body_cut_more_often_than_the_retries_allow_fails_with_the_cause()
    {
        for (var i = 0; i < 10; i++) _emulator.Faults.EnqueueReset(100, "/api/v1/resources/data");
        var error = await Assert.ThrowsAsync<IgtimiApiException>(() => Download(Query(1, TimeSpan.FromDays(7), 1)));
        Assert.Contains("cut off", error.Message);
        _emulator.Faults.Clear();
    }

    [Fact]
    public async Task A_stalled_body_times_out_and_is_fetched_again()
    {
        var options = new IgtimiClientOptions(_emulator.BaseUri)
        {
            Timeout = TimeSpan.FromSeconds(1),
            Retry = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(20) },
        };
        using var impatient = await IgtimiConnection.ConnectAsync(options, new AccessTokenGrant(EmulatorFixture.OwnerToken), default);
        var clean = await Download(Query(1, TimeSpan.FromDays(7), 1, 9));
        _emulator.Faults.EnqueueSlow(2500, "/api/v1/resources/data");
        var keys = new List<string>();
        await new IgtimiDataDownloader(impatient, Query(1, TimeSpan.FromDays(7), 1, 9)).RunAsync((block, _) =>
        {
            keys.AddRange(block.Points().Select(p => $"{p.SerialNumber}|{p.Type}|{p.Dsi}|{p.UnixTimeMilliseconds}|{string.Join(",", p.Values)}"));
            return Task.CompletedTask;
        }, default);
        Assert.Equal(0, _emulator.Faults.PendingCount);
        Assert.Equal(clean.OrderBy(k => k), keys.OrderBy(k => k));
    }

    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "fixtures");

    [Fact]
    public async Task Points_of_devices_not_asked_for_are_left_out_and_named_in_one_warning()
    {
        // The documented multi-device payload for every request: 3 points of EA-AK-AAAG and 4 of EA-AK-AAAH.
        var body = await File.ReadAllTextAsync(Path.Combine(Fixtures, "igtimi-docs_packed_data_multi_device_dsi.json"));
        for (var i = 0; i < 2; i++) _emulator.Faults.EnqueueHostile(HostileMode.Body, "/api/v1/resources/data", new HostileOptions { Body = body });
        var query = new IgtimiDataQuery
        {
            SerialNumbers = new[] { "EA-AK-AAAG", "EA-AK-AAAH" },
            Start = DateTimeOffset.FromUnixTimeMilliseconds(12345670000),
            End = DateTimeOffset.FromUnixTimeMilliseconds(12345680000),
            ThrottleLimit = 1,
        };
        var warnings = new List<string>();
        var points = new List<IgtimiDataPoint>();
        var downloader = new IgtimiDataDownloader(_owner, query) { Warning = warnings.Add, WarnWhenEmpty = true };
        await downloader.RunAsync((block, _) =>
        {
            lock (points) points.AddRange(block.Points());
            return Task.CompletedTask;
        }, default);
        Assert.Equal(7, points.Count);
        Assert.Equal(3, points.Count(p => p.SerialNumber == "EA-AK-AAAG"));
        Assert.Equal(3L, downloader.LeftOut["EA-AK-AAAG"]);
        Assert.Equal(4L, downloader.LeftOut["EA-AK-AAAH"]);
        Assert.Equal(4L, downloader.Delivered["EA-AK-AAAH"]);
        var warning = Assert.Single(warnings);
        Assert.Contains("not asked for in that request: EA-AK-AAAG (3 points), EA-AK-AAAH (4 points)", warning);
    }

    [Fact]
    public async Task A_device_without_points_is_named_once_with_the_window_only_when_asked()
    {
        var known = _emulator.World.Devices[0].SerialNumber;
        var query = new IgtimiDataQuery
        {
            SerialNumbers = new[] { "DC-XX-XXXX", known },
            Start = Day.AddHours(11),
            End = Day.AddHours(11).AddSeconds(1),
            Types = new[] { 9 },
            SliceLength = TimeSpan.FromMinutes(1),
        };
        var warnings = new List<string>();
        await new IgtimiDataDownloader(_owner, query) { Warning = warnings.Add, WarnWhenEmpty = true }.RunAsync((_, _) => Task.CompletedTask, default);
        Assert.Equal("No data of type sog for DC-XX-XXXX between 2025-06-15T11:00:00.000Z and 2025-06-15T11:00:01.000Z: the server returned no points " +
                     "(unknown serial number, no access, or nothing recorded in that window).", Assert.Single(warnings));
        warnings.Clear();
        await new IgtimiDataDownloader(_owner, query) { Warning = warnings.Add }.RunAsync((_, _) => Task.CompletedTask, default);
        Assert.Empty(warnings);
    }

    [Theory]
    [InlineData(1, new[] { 174.769125, -36.843944 }, "-36.84394, 174.76913")]
    [InlineData(9, new[] { 13.95 }, "7.53 kn")]
    [InlineData(6, new[] { -148.0 }, "212°")]
    [InlineData(6, new[] { 155.5 }, "155.5°")]
    [InlineData(15, new[] { 91.0 }, "91 %")]
    [InlineData(3, new[] { 12.0 }, "12")]
    [InlineData(13, new[] { 1200.0, 5, 142 }, "142 bpm")]
    [InlineData(18, new[] { 0.5, double.NaN, 1 }, "0.5 m/s², , 1 m/s²")]
    public void A_point_reads_as_a_person_reads_it(int type, double[] values, string expected) =>
        Assert.Equal(expected, IgtimiDataPoints.Create("AA-BB-CCCC", type, 0, 1749985200000, values).DisplayValue);
}
