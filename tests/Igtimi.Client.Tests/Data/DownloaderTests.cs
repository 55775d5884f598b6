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
}
