using Igtimi.Client.Auth;
using Igtimi.Client.Data;
using Igtimi.Client.Http;
using Igtimi.Client.Live;
using Igtimi.Emulator;
using Xunit;

namespace Igtimi.Client.Tests.Live;

/// <summary>The live client against the emulator's live servers at 10x speed: no gap, no duplicate, failover, silence, stop.</summary>
[Collection(TimingCollection.Name)]
public sealed class LiveClientTests
{
    private static readonly DateTimeOffset RaceTime = new(2025, 6, 15, 11, 0, 0, TimeSpan.Zero);

    private static async Task<(RunningEmulator Emulator, IgtimiConnection Connection)> Start(EmulatorOptions options, string token = EmulatorFixture.OwnerToken)
    {
        var emulator = await EmulatorHost.StartAsync(options);
        var clientOptions = new IgtimiClientOptions(emulator.BaseUri)
        {
            Retry = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(200) },
        };
        return (emulator, await IgtimiConnection.ConnectAsync(clientOptions, new AccessTokenGrant(token), default));
    }

    private static EmulatorOptions Options(int dropEveryMs = 0) => new()
    {
        Seed = 1,
        AnchorDate = new DateOnly(2025, 6, 15),
        LiveStart = RaceTime,
        LiveSpeed = 10,
        LiveFrameMs = 200,
        LiveHeartbeatMs = 300,
        LiveDropEveryMs = dropEveryMs,
    };

    private static IgtimiLiveOptions Live(IEnumerable<string> serials) => new()
    {
        SerialNumbers = serials.ToArray(),
        HeartbeatInterval = TimeSpan.FromMilliseconds(300),
        SilenceLimit = TimeSpan.FromSeconds(2),
    };

    private sealed class Recorder
    {
        public readonly List<(string Serial, int Type, int Dsi, long Time, double[] Values)> Points = new();
        public readonly List<IgtimiLiveEvent> Events = new();

        public Task Add(IgtimiDataBlock block, CancellationToken _)
        {
            lock (Points)
                for (var i = 0; i < block.Count; i++)
                    Points.Add((block.SerialNumber, block.Type, block.Dsi, block.Times[i], block.Components.Select(c => c[i]).ToArray()));
            return Task.CompletedTask;
        }

        public void Event(IgtimiLiveEvent e)
        {
            lock (Events) Events.Add(e);
        }
    }

    private static async Task Watch(IgtimiLiveClient client, Recorder recorder, TimeSpan duration)
    {
        using var stop = new CancellationTokenSource(duration);
        try
        {
            await client.RunAsync(recorder.Add, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    [Fact]
    public async Task A_minute_of_emulator_time_with_a_drop_every_ten_seconds_matches_the_stored_data_point_for_point()
    {
        var (emulator, connection) = await Start(Options(dropEveryMs: 1000));
        await using var _ = emulator;
        using var __ = connection;
        var devices = emulator.World.Devices.Take(5).ToList();
        var recorder = new Recorder();
        var client = new IgtimiLiveClient(connection, Live(devices.Select(d => d.SerialNumber))) { Events = recorder.Event };
        await Watch(client, recorder, TimeSpan.FromSeconds(6.5));

        Assert.True(emulator.Live.DropCount >= 4, $"only {emulator.Live.DropCount} drops");
        Assert.Contains(recorder.Events, e => e.Kind == IgtimiLiveEventKind.GapFilled);
        var first = recorder.Events.First(e => e.Kind == IgtimiLiveEventKind.Connected).ServerTime!.Value;
        var start = UnixTime.ToMilliseconds(first) + 1;
        var end = recorder.Points.Max(p => p.Time);
        Assert.True(end - start >= 60_000, $"only {(end - start) / 1000} s of emulator time streamed");

        var keys = recorder.Points.Select(p => $"{p.Serial}|{p.Type}|{p.Dsi}|{p.Time}").ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());

        var expected = new List<string>();
        var actual = recorder.Points.Where(p => p.Time <= end).Select(p => $"{p.Serial}|{p.Type}|{p.Dsi}|{p.Time}|{string.Join(",", p.Values)}").ToList();
        foreach (var device in devices)
            foreach (var channel in emulator.Data.Channels(device))
                foreach (var sample in emulator.Data.Samples(device, channel.Type, start, end))
                    expected.Add($"{device.SerialNumber}|{channel.Type}|{channel.Dsi}|{sample.Time}|{string.Join(",", sample.Values)}");
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.OrderBy(k => k, StringComparer.Ordinal), actual.OrderBy(k => k, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Fails_over_from_a_dead_first_server()
    {
        var options = Options();
        var (emulator, connection) = await Start(new EmulatorOptions
        {
            Seed = 1, AnchorDate = options.AnchorDate, LiveStart = RaceTime, LiveSpeed = 10, LiveFrameMs = 200, LiveHeartbeatMs = 300, LiveRefuseFirst = true,
        });
        await using var _ = emulator;
        using var __ = connection;
        var recorder = new Recorder();
        var client = new IgtimiLiveClient(connection, Live(new[] { emulator.World.YachtBots[0].SerialNumber })) { Events = recorder.Event };
        await Watch(client, recorder, TimeSpan.FromSeconds(2));
        Assert.Contains(recorder.Events, e => e.Kind == IgtimiLiveEventKind.ServerUnavailable && e.Server!.AbsolutePath == LiveServers.FirstPath);
        Assert.Contains(recorder.Events, e => e.Kind == IgtimiLiveEventKind.Connected && e.Server!.AbsolutePath == LiveServers.SecondPath);
        Assert.NotEmpty(recorder.Points);
    }

    [Fact]
    public async Task A_silent_link_is_dropped_and_reconnected()
    {
        var (emulator, connection) = await Start(Options(), EmulatorFixture.OwnerToken);
        await using var _ = emulator;
        using var __ = connection;
        emulator.LiveFaults.NoHeartbeat = true;
        var recorder = new Recorder();
        // A serial nobody has: no data frames, and with no heartbeats the link is silent.
        var options = Live(new[] { "ZZ-ZZ-ZZZZ" });
        options.SilenceLimit = TimeSpan.FromMilliseconds(800);
        var client = new IgtimiLiveClient(connection, options) { Events = recorder.Event };
        await Watch(client, recorder, TimeSpan.FromSeconds(5));
        Assert.Contains(recorder.Events, e => e.Kind == IgtimiLiveEventKind.Disconnected && e.Message.Contains("No heartbeat or data"));
        Assert.True(recorder.Events.Count(e => e.Kind == IgtimiLiveEventKind.Connected) >= 2);
        Assert.Empty(recorder.Points);
    }

    [Fact]
    public async Task An_unreadable_serial_yields_nothing_rather_than_someone_elses_data()
    {
        var (emulator, connection) = await Start(Options(), "dfd41abce6a49c5c269561c819f19486601245a0bfd8c7cefabf75bce1ffc203");
        await using var _ = emulator;
        using var __ = connection;
        var recorder = new Recorder();
        var client = new IgtimiLiveClient(connection, Live(new[] { emulator.World.WindBots[0].SerialNumber })) { Events = recorder.Event };
        await Watch(client, recorder, TimeSpan.FromSeconds(2));
        Assert.Contains(recorder.Events, e => e.Kind == IgtimiLiveEventKind.Connected);
        Assert.Empty(recorder.Points);
    }

    [Fact]
    public async Task Cancellation_stops_at_once_and_closes_the_socket()
    {
        var (emulator, connection) = await Start(Options());
        await using var _ = emulator;
        using var __ = connection;
        var recorder = new Recorder();
        var client = new IgtimiLiveClient(connection, Live(new[] { emulator.World.YachtBots[0].SerialNumber })) { Events = recorder.Event };
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1.5));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.RunAsync(recorder.Add, stop.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"took {watch.Elapsed}");
        Assert.Equal(IgtimiLiveEventKind.Stopped, recorder.Events[^1].Kind);
        Assert.DoesNotContain(recorder.Events, e => e.Kind == IgtimiLiveEventKind.Disconnected);
        for (var i = 0; i < 40 && emulator.Live.OpenConnections > 0; i++) await Task.Delay(50);
        Assert.Equal(0, emulator.Live.OpenConnections);
        Assert.Equal(0, emulator.Live.DropCount);
    }
}
