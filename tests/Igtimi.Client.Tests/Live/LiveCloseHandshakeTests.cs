using Igtimi.Client.Auth;
using Igtimi.Client.Http;
using Igtimi.Client.Live;
using Igtimi.Emulator;
using Xunit;

namespace Igtimi.Client.Tests.Live;

/// <summary>
/// The close handshake of RFC 6455 section 5.5.1 on both flavors' live servers: a server's close is answered with the same
/// status, the client's own stop sends 1000 and waits for the answer, and the emulator never sees 1006. A server that closes
/// every second still loses no data across the reconnects.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class LiveCloseHandshakeTests
{
    private static readonly DateTimeOffset RaceTime = new(2025, 6, 15, 11, 0, 0, TimeSpan.Zero);

    private static async Task<(RunningEmulator Emulator, IgtimiConnection Connection)> Start(EmulatorFlavor flavor)
    {
        var emulator = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Seed = 1, AnchorDate = new DateOnly(2025, 6, 15), LiveStart = RaceTime, LiveSpeed = 10, LiveFrameMs = 200, LiveHeartbeatMs = 300,
            Flavor = flavor, SapLockMs = 0,
        });
        var options = new IgtimiClientOptions(emulator.BaseUri)
        {
            Retry = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(200) },
        };
        var token = flavor == EmulatorFlavor.Sap ? EmulatorCredentials.OwnerSapToken : EmulatorCredentials.OwnerToken;
        return (emulator, await IgtimiConnection.ConnectAsync(options, new AccessTokenGrant(token), default));
    }

    private static IgtimiLiveOptions Live(IEnumerable<string> serials) => new()
    {
        SerialNumbers = serials.ToArray(),
        HeartbeatInterval = TimeSpan.FromMilliseconds(300),
        SilenceLimit = TimeSpan.FromSeconds(2),
    };

    private static async Task<(List<(string Serial, int Type, int Dsi, long Time, string Values)> Points, List<IgtimiLiveEvent> Events)> Watch(
        IgtimiConnection connection, IEnumerable<string> serials, TimeSpan duration)
    {
        var points = new List<(string, int, int, long, string)>();
        var events = new List<IgtimiLiveEvent>();
        var client = new IgtimiLiveClient(connection, Live(serials)) { Events = e => { lock (events) events.Add(e); } };
        using var stop = new CancellationTokenSource(duration);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.RunAsync((block, _) =>
        {
            lock (points)
                for (var i = 0; i < block.Count; i++)
                    points.Add((block.SerialNumber, block.Type, block.Dsi, block.Times[i], string.Join(",", block.Components.Select(c => c[i]))));
            return Task.CompletedTask;
        }, stop.Token));
        return (points, events);
    }

    /// <summary>The server logs a connection's end once its handler is done, a moment after the client has moved on.</summary>
    private static async Task<IReadOnlyList<LiveCloseRecord>> ClosesAsync(RunningEmulator emulator, int count)
    {
        for (var i = 0; i < 100 && (emulator.Live.RecentCloses.Count < count || emulator.Live.OpenConnections > 0); i++) await Task.Delay(50);
        return emulator.Live.RecentCloses;
    }

    [Theory]
    [InlineData(EmulatorFlavor.Igtimi)]
    [InlineData(EmulatorFlavor.Sap)]
    public async Task A_stop_sends_1000_and_the_server_sees_it(EmulatorFlavor flavor)
    {
        var (emulator, connection) = await Start(flavor);
        await using var _ = emulator;
        using var __ = connection;
        var (points, events) = await Watch(connection, new[] { emulator.World.YachtBots[0].SerialNumber }, TimeSpan.FromSeconds(1.5));
        Assert.NotEmpty(points);
        Assert.DoesNotContain(events, e => e.Kind == IgtimiLiveEventKind.Disconnected);

        var close = Assert.Single(await ClosesAsync(emulator, 1));
        Assert.Equal(LiveCloseRecord.ByClient, close.ClosedBy);
        Assert.Equal(1000, close.CloseCode);
        Assert.Equal(1000, close.ServerStatus); // the server's echo, which the client waited for
    }

    [Theory]
    [InlineData(EmulatorFlavor.Igtimi)]
    [InlineData(EmulatorFlavor.Sap)]
    public async Task A_server_close_is_answered_with_its_status_then_the_client_reconnects_without_a_gap(EmulatorFlavor flavor)
    {
        var (emulator, connection) = await Start(flavor);
        await using var _ = emulator;
        using var __ = connection;
        emulator.LiveFaults.CloseStatus = 4321;
        emulator.LiveFaults.CloseEveryMs = 1000;
        var devices = emulator.World.Devices.Take(3).ToList();
        var (points, events) = await Watch(connection, devices.Select(d => d.SerialNumber), TimeSpan.FromSeconds(4.5));
        emulator.LiveFaults.CloseEveryMs = 0;

        var closes = await ClosesAsync(emulator, 4);
        var byServer = closes.Where(c => c.ClosedBy == LiveCloseRecord.ByServer).ToList();
        Assert.True(byServer.Count >= 3, $"only {byServer.Count} server closes: {string.Join("; ", closes)}");
        Assert.All(byServer, c => Assert.Equal((4321, 4321), (c.ServerStatus!.Value, c.CloseCode)));
        Assert.DoesNotContain(closes, c => c.CloseCode == 1006);
        Assert.Contains(events, e => e.Kind == IgtimiLiveEventKind.Disconnected && e.Message.Contains("(4321, emulated fault"));
        Assert.Contains(events, e => e.Kind == IgtimiLiveEventKind.GapFilled);

        // Every stored sample from the first connect to the last one received came exactly once.
        var start = UnixTime.ToMilliseconds(events.First(e => e.Kind == IgtimiLiveEventKind.Connected).ServerTime!.Value) + 1;
        var end = points.Max(p => p.Time);
        var keys = points.Select(p => $"{p.Serial}|{p.Type}|{p.Dsi}|{p.Time}").ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        var expected = new List<string>();
        foreach (var device in devices)
            foreach (var channel in emulator.Data.Channels(device))
                foreach (var sample in emulator.Data.Samples(device, channel.Type, start, end))
                    expected.Add($"{device.SerialNumber}|{channel.Type}|{channel.Dsi}|{sample.Time}|{string.Join(",", sample.Values)}");
        var actual = points.Where(p => p.Time >= start && p.Time <= end).Select(p => $"{p.Serial}|{p.Type}|{p.Dsi}|{p.Time}|{p.Values}");
        Assert.Equal(expected.OrderBy(k => k, StringComparer.Ordinal), actual.OrderBy(k => k, StringComparer.Ordinal));
    }
}
