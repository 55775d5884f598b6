using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Igtimi.Emulator;
using Xunit;
using static Igtimi.Client.Tests.Emulator.SapHttp;

namespace Igtimi.Client.Tests.Emulator;

/// <summary>What a SAP live test client got: text, a binary frame (one serialized Msg), the server's close, or a broken connection.</summary>
public sealed record SapLiveMessage(string? Text, byte[]? Binary, WebSocketCloseStatus? CloseStatus, string? CloseDescription, Exception? Error,
    TimeSpan At)
{
    public bool IsHeartbeat => Text == "1";
    public bool IsTimestamp => Text is not null && Text != "1";
    public bool IsFrame => Binary is not null;
    public bool IsClose => CloseStatus is not null;
    public bool IsError => Error is not null;
}

/// <summary>A plain <see cref="ClientWebSocket"/> on <c>/igtimi/websocket</c> with a background reader that keeps text and binary apart.</summary>
public sealed class SapLiveClient : IAsyncDisposable
{
    private readonly Channel<SapLiveMessage> _messages = Channel.CreateUnbounded<SapLiveMessage>();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Task _reader;

    private SapLiveClient(ClientWebSocket socket)
    {
        Socket = socket;
        _reader = Task.Run(ReadLoopAsync);
    }

    public ClientWebSocket Socket { get; }

    public static async Task<SapLiveClient> ConnectAsync(RunningEmulator emulator, AuthenticationHeaderValue? auth = null, string query = "")
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        if (auth is not null)
            socket.Options.SetRequestHeader("Authorization", auth.ToString());
        var uri = new Uri($"ws://{emulator.BaseUri.Authority}{LiveServers.SapPath}{query}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(uri, timeout.Token);
        return new SapLiveClient(socket);
    }

    public Task SendAsync(string text) => Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    public async Task<SapLiveMessage?> NextAsync(Func<SapLiveMessage, bool> match, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            using var cts = new CancellationTokenSource(timeout - watch.Elapsed);
            try
            {
                var message = await _messages.Reader.ReadAsync(cts.Token);
                if (match(message))
                    return message;
            }
            catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
            {
                return null;
            }
        }
        return null;
    }

    /// <summary>Messages until <paramref name="done"/> holds for those collected (or a close, an error, the timeout).</summary>
    public async Task<List<SapLiveMessage>> CollectUntilAsync(Func<List<SapLiveMessage>, bool> done, TimeSpan timeout)
    {
        var all = new List<SapLiveMessage>();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout && !done(all))
        {
            using var cts = new CancellationTokenSource(timeout - watch.Elapsed);
            try
            {
                var message = await _messages.Reader.ReadAsync(cts.Token);
                all.Add(message);
                if (message.IsClose || message.IsError)
                    break;
            }
            catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
            {
                break;
            }
        }
        return all;
    }

    /// <summary>Every message that arrives within <paramref name="duration"/> (stops early at a close or error).</summary>
    public async Task<List<SapLiveMessage>> CollectAsync(TimeSpan duration)
    {
        var all = new List<SapLiveMessage>();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            using var cts = new CancellationTokenSource(duration - watch.Elapsed);
            try
            {
                var message = await _messages.Reader.ReadAsync(cts.Token);
                all.Add(message);
                if (message.IsClose || message.IsError)
                    break;
            }
            catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
            {
                break;
            }
        }
        return all;
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await Socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    _messages.Writer.TryWrite(new SapLiveMessage(null, null, result.CloseStatus ?? WebSocketCloseStatus.Empty,
                        result.CloseStatusDescription, null, _clock.Elapsed));
                    return;
                }
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                    continue;
                var bytes = message.ToArray();
                message.SetLength(0);
                _messages.Writer.TryWrite(result.MessageType == WebSocketMessageType.Binary
                    ? new SapLiveMessage(null, bytes, null, null, null, _clock.Elapsed)
                    : new SapLiveMessage(Encoding.UTF8.GetString(bytes), null, null, null, null, _clock.Elapsed));
            }
        }
        catch (Exception ex)
        {
            _messages.Writer.TryWrite(new SapLiveMessage(null, null, null, null, ex, _clock.Elapsed));
        }
        finally
        {
            _messages.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        if (await Task.WhenAny(_reader, Task.Delay(TimeSpan.FromSeconds(2))) != _reader)
            Socket.Abort();
        Socket.Dispose();
    }
}

/// <summary>
/// The SAP flavor's live socket (docs/design/sap-dialect.md section 6) over a plain <see cref="ClientWebSocket"/>: heartbeat timing, a
/// timestamp reply per config, binary frames for every readable device from the connect on (before any config, whatever it subscribes),
/// anonymous connections, and frames that add up to <c>resources/data</c>. A fast live clock during a race of the last day. The tests wait
/// for what they expect (with timeouts) and check only lower bounds of times, so they need not run alone.
/// </summary>
public class SapLiveTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private static readonly EmulatorWorld World = EmulatorWorld.Create(1, RegattaEmulatorFixture.Anchor);
    private static readonly DateTimeOffset LiveStart = World.Races[^1].StartTime.AddMinutes(2);

    private static Task<RunningEmulator> StartAsync(int heartbeatMs = 300, int frameMs = 100, int dropEveryMs = 0) =>
        EmulatorHost.StartAsync(new EmulatorOptions
        {
            Seed = 1,
            AnchorDate = RegattaEmulatorFixture.Anchor,
            Flavor = EmulatorFlavor.Sap,
            LiveStart = LiveStart,
            LiveSpeed = 10,
            LiveHeartbeatMs = heartbeatMs,
            LiveFrameMs = frameMs,
            LiveDropEveryMs = dropEveryMs,
        });

    private static string FrameSerial(SapLiveMessage frame)
    {
        var dataMsgs = WireReader.DecodeMsg(frame.Binary!);
        Assert.NotEmpty(dataMsgs);
        return Assert.Single(dataMsgs.Select(d => d.Serial).Distinct())!;
    }

    [Fact]
    public async Task The_first_heartbeat_comes_one_interval_after_connecting_then_every_interval()
    {
        await using var emulator = await StartAsync(heartbeatMs: 300, frameMs: 1000);
        await using var client = await SapLiveClient.ConnectAsync(emulator);
        var texts = (await client.CollectUntilAsync(all => all.Count(m => m.Text is not null) >= 3, Wait)).Where(m => m.Text is not null).ToList();
        Assert.Equal(3, texts.Count);
        Assert.All(texts, m => Assert.True(m.IsHeartbeat, m.Text));
        // Never earlier than one, two, three intervals after the connect (the client's clock starts a little after the server's).
        for (int i = 0; i < 3; i++)
            Assert.True(texts[i].At >= TimeSpan.FromMilliseconds(300 * (i + 1) - 50), $"heartbeat {i + 1} after {texts[i].At.TotalMilliseconds} ms");

        await client.SendAsync("1");
        Assert.Null(await client.NextAsync(m => m.IsTimestamp, TimeSpan.FromMilliseconds(400))); // a client heartbeat gets no answer
        Assert.Equal(1, emulator.Live.ClientHeartbeatCount);
        Assert.Equal(0, emulator.Live.ConfigCount);
        Assert.Equal(1, emulator.Live.ConnectionCountFor(LiveServers.SapPath));
        Assert.Equal(1, emulator.Live.ConnectionCount);
        Assert.True(emulator.Live.HeartbeatCount >= 2);
        Assert.Contains(emulator.Faults.RecentRequests, r => r.Path == LiveServers.SapPath && r.Status == 101);
    }

    [Fact]
    public async Task Every_config_gets_its_own_timestamp_first_and_a_config_without_devices_closes_with_1011()
    {
        await using var emulator = await StartAsync();
        await using var client = await SapLiveClient.ConnectAsync(emulator, Bearer(EmulatorCredentials.OwnerSapToken));
        long before = emulator.LiveClock.NowMs;
        await client.SendAsync("{\"devices\":[\"" + World.YachtBots[0].SerialNumber + "\"]}");
        var first = await client.NextAsync(m => m.IsTimestamp, Wait);
        await client.SendAsync("{\"devices\":[],\"access_token\":\"ignored\"}");
        var second = await client.NextAsync(m => m.IsTimestamp, Wait);
        long t1 = long.Parse(first!.Text!, CultureInfo.InvariantCulture), t2 = long.Parse(second!.Text!, CultureInfo.InvariantCulture);
        Assert.InRange(t1, before, emulator.LiveClock.NowMs);
        Assert.True(t2 >= t1);

        await client.SendAsync("{\"units\":[]}");
        Assert.NotNull(await client.NextAsync(m => m.IsTimestamp, Wait));
        var close = await client.NextAsync(m => m.IsClose, Wait);
        Assert.Equal(WebSocketCloseStatus.InternalServerError, close!.CloseStatus);
        Assert.Equal(3, emulator.Live.ConfigCount);
        Assert.Equal(1, emulator.Live.RejectedConfigCount);

        await using var other = await SapLiveClient.ConnectAsync(emulator);
        await other.SendAsync("not json");
        Assert.NotNull(await other.NextAsync(m => m.IsTimestamp, Wait));
        Assert.Equal(WebSocketCloseStatus.InternalServerError, (await other.NextAsync(m => m.IsClose, Wait))!.CloseStatus);
    }

    [Fact]
    public async Task Binary_frames_flow_from_the_connect_for_every_readable_device_before_and_regardless_of_the_config()
    {
        await using var emulator = await StartAsync();
        await using var client = await SapLiveClient.ConnectAsync(emulator, Bearer(EmulatorCredentials.CoachSapToken));
        var all = World.Devices.Select(d => d.SerialNumber).ToHashSet();
        var early = await client.CollectUntilAsync(m => m.Where(x => x.IsFrame).Select(FrameSerial).ToHashSet().SetEquals(all), Wait);
        var frames = early.Where(m => m.IsFrame).ToList();
        Assert.NotEmpty(frames);
        Assert.DoesNotContain(early, m => m.IsTimestamp);
        Assert.Equal(all, frames.Select(FrameSerial).ToHashSet());

        string subscribed = World.YachtBots[0].SerialNumber;
        await client.SendAsync("{\"devices\":[\"" + subscribed + "\"]}");
        var after = await client.CollectUntilAsync(m => m.Any(x => x.IsTimestamp) && m.Count(x => x.IsFrame) >= 32, Wait);
        Assert.Contains(after, m => m.IsTimestamp);
        Assert.Contains(after.Where(m => m.IsFrame).Select(FrameSerial), s => s != subscribed);
        Assert.True(emulator.Live.FrameCount >= frames.Count);
    }

    [Fact]
    public async Task Anonymous_and_bad_credentials_see_WB1_only_and_query_credentials_work()
    {
        await using var emulator = await StartAsync();
        string wb1 = World.WindBots[0].SerialNumber;
        foreach (var (auth, query) in new (AuthenticationHeaderValue?, string)[]
                 {
                     (null, ""), (Basic("owner", "wrong"), ""), (null, "?username=coach&password=nope"), (Bearer("bad-token"), ""),
                 })
        {
            await using var client = await SapLiveClient.ConnectAsync(emulator, auth, query);
            var frames = (await client.CollectUntilAsync(m => m.Count(x => x.IsFrame) >= 4, Wait)).Where(m => m.IsFrame).ToList();
            Assert.NotEmpty(frames);
            Assert.All(frames, f => Assert.Equal(wb1, FrameSerial(f)));
        }
        Assert.Equal(3, emulator.SapSecurity.AnonymousFallbackCount);

        await using var outsider = await SapLiveClient.ConnectAsync(emulator, null, "?username=outsider&password=outsider-pass");
        var yachts = World.YachtBots.Select(d => d.SerialNumber).ToHashSet();
        var outsiderFrames = (await outsider.CollectUntilAsync(m => m.Where(x => x.IsFrame).Select(FrameSerial).ToHashSet().SetEquals(yachts), Wait))
            .Where(m => m.IsFrame).ToList();
        Assert.Equal(yachts, outsiderFrames.Select(FrameSerial).ToHashSet());
    }

    [Fact]
    public async Task The_union_of_the_frames_is_what_resources_data_returns_for_the_user_without_duplicates()
    {
        await using var emulator = await StartAsync(frameMs: 150);
        await using var client = await SapLiveClient.ConnectAsync(emulator, Bearer(EmulatorCredentials.CoachSapToken));
        await client.SendAsync("{\"devices\":[]}");
        var reply = await client.NextAsync(m => m.IsTimestamp, Wait);
        long timestamp = long.Parse(reply!.Text!, CultureInfo.InvariantCulture);
        // At least five frames per device after the timestamp (about 7 live seconds at 10x and 150 ms per frame).
        var messages = await client.CollectUntilAsync(m => m.Count(x => x.IsFrame && x.At > reply.At) >= 5 * World.Devices.Count, TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(messages, m => m.IsClose || m.IsError);

        var live = messages.Where(m => m.IsFrame).SelectMany(m => WireReader.DecodeMsg(m.Binary!))
            .SelectMany(d => d.Points.Select(p => (Serial: d.Serial!, Point: p))).ToList();
        Assert.Equal(live.Count, live.Select(x => x.Serial + " " + x.Point.Key).Distinct().Count());

        // Per device, frames arrive in time order, so everything up to the device's newest streamed point has arrived.
        using var http = new HttpClient { BaseAddress = emulator.BaseUri };
        int restCount = 0, restDistinct = 0;
        foreach (var device in World.Devices)
        {
            var streamed = live.Where(x => x.Serial == device.SerialNumber).Select(x => x.Point).ToList();
            Assert.NotEmpty(streamed);
            long last = streamed.Max(p => p.Timestamp);
            Assert.True(last - timestamp > 1_000, $"{device.Name}: only {last - timestamp} live ms streamed");
            var rest = ParseData(await TextAsync(http, DataPath([device.SerialNumber], timestamp + 1, last + 1, AllCases),
                Bearer(EmulatorCredentials.CoachSapToken)));
            var restPoints = Assert.Single(rest).Messages.SelectMany(WireReader.DecodeMsg).SelectMany(d => d.Points).Select(p => p.Key).ToList();
            restCount += restPoints.Count;
            restDistinct += restPoints.Distinct().Count();
            Assert.Equal(restPoints.ToHashSet(), streamed.Where(p => p.Timestamp > timestamp).Select(p => p.Key).ToHashSet());
        }
        Assert.True(restCount > restDistinct, "the coach's REST answer repeats the YachtBots' points during a race");
    }

    [Fact]
    public async Task Stopping_the_emulator_closes_with_1000_riot_server_stopped_and_drops_abort()
    {
        var emulator = await StartAsync(frameMs: 1000);
        await using (emulator)
        {
            await using var client = await SapLiveClient.ConnectAsync(emulator);
            var stopping = emulator.StopAsync();
            var close = await client.NextAsync(m => m.IsClose || m.IsError, Wait);
            Assert.Equal(WebSocketCloseStatus.NormalClosure, close!.CloseStatus);
            Assert.Equal("Riot Server Stopped", close.CloseDescription);
            await stopping;
        }

        await using var dropping = await StartAsync(dropEveryMs: 300);
        await using var dropped = await SapLiveClient.ConnectAsync(dropping);
        var end = await dropped.NextAsync(m => m.IsClose || m.IsError, Wait);
        Assert.True(end!.IsError, "a drop aborts without a close frame");
        Assert.Equal(1, dropping.Live.DropCount);
    }
}
