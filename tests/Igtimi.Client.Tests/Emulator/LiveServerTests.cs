using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Igtimi.Emulator;
using Xunit;

namespace Igtimi.Client.Tests.Emulator;

/// <summary>
/// The emulator's live WebSocket servers (<c>/live_api</c>, <c>/live_api2</c>) over a plain <see cref="ClientWebSocket"/>:
/// heartbeats, both config spellings, the timestamp reply, frames that match the fleet model point for point,
/// permissions, and the live faults. Each test runs its own emulator with short intervals.
/// </summary>
[Collection(TimingCollection.Name)]
public class LiveServerTests
{
    private const string Owner = EmulatorCredentials.OwnerToken;
    private const string Coach = EmulatorCredentials.CoachToken;
    private const string Outsider = EmulatorCredentials.OutsiderToken;
    private static readonly DateOnly Anchor = RegattaEmulatorFixture.Anchor;
    private static readonly DateTimeOffset LiveStart = new(2025, 6, 15, 11, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private static Task<RunningEmulator> StartAsync(int heartbeatMs = 100, int frameMs = 200, int clientTimeoutMs = 300_000,
        int dropEveryMs = 0, bool refuseFirst = false, bool noHeartbeat = false, DateTimeOffset? liveStart = null) =>
        EmulatorHost.StartAsync(new EmulatorOptions
        {
            Seed = 1,
            AnchorDate = Anchor,
            LiveStart = liveStart ?? LiveStart,
            LiveSpeed = 10,
            LiveHeartbeatMs = heartbeatMs,
            LiveFrameMs = frameMs,
            LiveClientTimeoutMs = clientTimeoutMs,
            LiveDropEveryMs = dropEveryMs,
            LiveRefuseFirst = refuseFirst,
            LiveNoHeartbeat = noHeartbeat,
        });

    /// <summary>Samples per (serial, block key), merged over frames, in arrival order.</summary>
    private sealed class Stream
    {
        public Dictionary<(string Serial, string Key), List<(long T, double[] Values)>> Blocks { get; } = [];
        public int Frames { get; private set; }
        public bool SerialRepeatedInAFrame { get; private set; }

        public void Add(string frame)
        {
            Frames++;
            using var document = JsonDocument.Parse(frame);
            Assert.Equal(JsonValueKind.Array, document.RootElement.ValueKind);
            Assert.NotEmpty(document.RootElement.EnumerateArray());
            var serialsInFrame = new List<string>();
            foreach (var element in document.RootElement.EnumerateArray())
            {
                Assert.Equal(JsonValueKind.Object, element.ValueKind);
                foreach (var (serial, blocks) in PackedData.Parse(element.GetRawText()))
                {
                    serialsInFrame.Add(serial);
                    foreach (var (key, block) in blocks)
                    {
                        if (!Blocks.TryGetValue((serial, key), out var list))
                            Blocks[(serial, key)] = list = [];
                        for (int i = 0; i < block.T.Length; i++)
                            list.Add((block.T[i], block.Components.Select(c => c[i]).ToArray()));
                    }
                }
            }
            if (serialsInFrame.Count != serialsInFrame.Distinct().Count())
                SerialRepeatedInAFrame = true;
        }

        public long MaxTime => Blocks.Values.SelectMany(l => l).Select(s => s.T).DefaultIfEmpty(long.MinValue).Max();
    }

    private static async Task<(long Timestamp, Stream Stream, List<LiveMessage> Messages)> SubscribeAndCollectAsync(
        LiveTestClient client, string token, IEnumerable<string> serials, TimeSpan duration, bool authTokenSpelling = false)
    {
        await client.SendConfigAsync(token, serials, authTokenSpelling);
        var reply = await client.NextAsync(m => !m.IsHeartbeat, Wait);
        Assert.NotNull(reply);
        Assert.True(reply.IsText, $"expected the timestamp, got {reply}");
        long timestamp = long.Parse(reply.Text!, System.Globalization.CultureInfo.InvariantCulture);
        var messages = await client.CollectAsync(duration);
        var stream = new Stream();
        foreach (var message in messages)
        {
            Assert.False(message.IsClose || message.IsError, $"the connection ended: {message}");
            if (message.IsFrame)
                stream.Add(message.Text!);
            else
                Assert.True(message.IsHeartbeat, $"unexpected message {message.Text}");
        }
        return (timestamp, stream, messages);
    }

    /// <summary>Asserts that the stream holds exactly the model's samples of (after, until] for the reader, point for point.</summary>
    private static void AssertMatchesModel(RunningEmulator emulator, Stream stream, IEnumerable<EmulatorDevice> devices, EmulatorUser reader,
        long after, long until)
    {
        var expectedKeys = new HashSet<(string, string)>();
        foreach (var device in devices)
        {
            foreach (var channel in emulator.Data.Channels(device))
            {
                var expected = emulator.Data.Samples(device, channel.Type, after + 1, until, reader);
                if (expected.Count == 0)
                    continue;
                expectedKeys.Add((device.SerialNumber, channel.Key));
                Assert.True(stream.Blocks.TryGetValue((device.SerialNumber, channel.Key), out var got),
                    $"{device.SerialNumber} {channel.Key}: no data streamed");
                Assert.Equal(expected.Select(s => s.Time), got.Select(s => s.T));
                for (int i = 0; i < expected.Count; i++)
                    Assert.Equal(expected[i].Values, got[i].Values);
            }
        }
        Assert.Equal(expectedKeys, stream.Blocks.Keys.Select(k => (k.Serial, k.Key)).ToHashSet());
    }

    [Fact]
    public async Task Heartbeats_flow_from_the_moment_the_socket_opens_before_any_config()
    {
        await using var emulator = await StartAsync(heartbeatMs: 100);
        await using var client = await LiveTestClient.ConnectAsync(emulator);

        for (int i = 0; i < 3; i++)
        {
            var message = await client.NextAsync(Wait);
            Assert.NotNull(message);
            Assert.True(message.IsHeartbeat, $"expected '1', got {message}");
        }
        Assert.Equal(1, emulator.Live.ConnectionCount);
        Assert.Equal(1, emulator.Live.ConnectionCountFor(LiveServers.FirstPath));
        Assert.Equal(1, emulator.Live.OpenConnections);
        Assert.True(emulator.Live.HeartbeatCount >= 3);
        Assert.Contains(emulator.Faults.RecentRequests, r => r.Path == LiveServers.FirstPath && r.Status == 101 && r.Method == "GET");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Both_config_spellings_get_the_live_clock_timestamp_then_frames_after_it(bool authTokenSpelling)
    {
        await using var emulator = await StartAsync();
        await using var client = await LiveTestClient.ConnectAsync(emulator, LiveServers.SecondPath);
        var boat = emulator.World.YachtBots[0];

        long before = emulator.LiveClock.NowMs;
        await client.SendConfigAsync(Owner, [boat.SerialNumber], authTokenSpelling);
        var reply = await client.NextAsync(m => !m.IsHeartbeat, Wait);
        long after = emulator.LiveClock.NowMs;
        Assert.NotNull(reply);
        Assert.Matches("^[0-9]+$", reply.Text);
        long timestamp = long.Parse(reply.Text!);
        Assert.InRange(timestamp, before, after);

        var frame = await client.NextAsync(m => !m.IsHeartbeat, Wait);
        Assert.NotNull(frame);
        Assert.True(frame.IsFrame, $"expected a data frame, got {frame}");
        var stream = new Stream();
        stream.Add(frame.Text!);
        Assert.Equal([boat.SerialNumber], stream.Blocks.Keys.Select(k => k.Serial).Distinct());
        Assert.All(stream.Blocks.Values.SelectMany(l => l), s => Assert.True(s.T > timestamp, $"{s.T} is not after the config time {timestamp}"));
        Assert.Equal(1, emulator.Live.ConfigCount);
    }

    [Fact]
    public async Task The_stream_equals_the_fleet_model_and_resources_data_point_for_point()
    {
        await using var emulator = await StartAsync(frameMs: 200);
        await using var client = await LiveTestClient.ConnectAsync(emulator);
        var devices = emulator.World.Devices;

        var (timestamp, stream, _) = await SubscribeAndCollectAsync(client, Owner, devices.Select(d => d.SerialNumber), TimeSpan.FromSeconds(2.5));

        Assert.True(stream.Frames >= 5, $"only {stream.Frames} frames");
        Assert.True(stream.SerialRepeatedInAFrame, "GPS and other types should come in separate elements for the same serial");
        long until = stream.MaxTime;
        Assert.True(until - timestamp >= 10_000, $"only {until - timestamp} live ms streamed");
        // Every sample up to the last one seen was due in that frame or earlier, so (timestamp, until] is complete.
        AssertMatchesModel(emulator, stream, devices, emulator.World.Owner, timestamp, until);
        foreach (var list in stream.Blocks.Values)
            Assert.Equal(list.Count, list.Select(s => s.T).Distinct().Count());

        // The same window from resources/data over HTTP.
        using var http = new HttpClient { BaseAddress = emulator.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get,
            SensorDataTests.DataPath(timestamp + 1, until, devices.Select(d => d.SerialNumber), SensorDataTests.AllTypes));
        request.Headers.Authorization = new("Bearer", Owner);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = PackedData.Parse(await response.Content.ReadAsStringAsync());
        var storedKeys = stored.SelectMany(d => d.Value.Keys.Select(k => (d.Key, k))).ToHashSet();
        Assert.Equal(storedKeys, stream.Blocks.Keys.ToHashSet());
        foreach (var ((serial, key), list) in stream.Blocks)
        {
            var block = stored[serial][key];
            Assert.Equal(block.T, list.Select(s => s.T));
            for (int c = 0; c < block.Components.Length; c++)
                Assert.Equal(block.Components[c], list.Select(s => s.Values[c]));
        }
    }

    [Fact]
    public async Task Only_data_the_token_may_read_is_streamed_and_an_outsider_gets_nothing_from_a_windbot()
    {
        var world = EmulatorWorld.Create(1, Anchor);
        var race = world.Races.First(r => DateOnly.FromDateTime(r.StartTime.UtcDateTime) == Anchor);
        await using var emulator = await StartAsync(liveStart: race.StartTime.AddMinutes(5));
        var yachtBot = emulator.World.YachtBots[0];
        var windBot = emulator.World.WindBots[0];

        // The outsider reads the YachtBots during races only, never a WindBot or the coach's boat; unknown serials yield nothing.
        await using (var outsider = await LiveTestClient.ConnectAsync(emulator))
        {
            var (timestamp, stream, _) = await SubscribeAndCollectAsync(outsider, Outsider,
                [windBot.SerialNumber, "ZZ-ZZ-ZZZZ", emulator.World.CoachBoat.SerialNumber, yachtBot.SerialNumber], TimeSpan.FromSeconds(1.5));
            Assert.True(stream.Frames > 0);
            Assert.Equal([yachtBot.SerialNumber], stream.Blocks.Keys.Select(k => k.Serial).Distinct());
            AssertMatchesModel(emulator, stream, [yachtBot], emulator.World.Outsider, timestamp, stream.MaxTime);
        }

        await using (var outsider = await LiveTestClient.ConnectAsync(emulator))
        {
            var (_, stream, messages) = await SubscribeAndCollectAsync(outsider, Outsider, [windBot.SerialNumber], TimeSpan.FromSeconds(1.2));
            Assert.Equal(0, stream.Frames);
            Assert.All(messages, m => Assert.True(m.IsHeartbeat));
        }

        // The coach reads the WindBot through the Coaching Team's window.
        await using (var coach = await LiveTestClient.ConnectAsync(emulator))
        {
            var (timestamp, stream, _) = await SubscribeAndCollectAsync(coach, Coach, [windBot.SerialNumber], TimeSpan.FromSeconds(1.2));
            Assert.True(stream.Frames > 0);
            AssertMatchesModel(emulator, stream, [windBot], emulator.World.Coach, timestamp, stream.MaxTime);
        }
    }

    [Theory]
    [InlineData("{\"access_token\":\"0000000000000000000000000000000000000000000000000000000000000000\",\"devices\":[]}")]
    [InlineData("{\"auth_token\":\"nope\",\"units\":[\"FA-KK-AAHP\"]}")]
    [InlineData("{\"devices\":[\"FA-KK-AAHP\"]}")]
    public async Task An_unknown_or_missing_token_closes_with_policy_violation(string config)
    {
        await using var emulator = await StartAsync();
        await using var client = await LiveTestClient.ConnectAsync(emulator);
        await client.SendAsync(config);

        var close = await client.NextAsync(m => !m.IsHeartbeat, Wait);
        Assert.NotNull(close);
        Assert.True(close.IsClose, $"expected a close frame, got {close}");
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, close.CloseStatus);
        Assert.StartsWith("invalid_token", close.CloseDescription);
        Assert.Equal(1, emulator.Live.RejectedConfigCount);
    }

    [Fact]
    public async Task Refuse_first_answers_503_on_the_first_listed_server_and_the_second_works()
    {
        await using var emulator = await StartAsync(refuseFirst: true);
        using var http = new HttpClient { BaseAddress = emulator.BaseUri };
        using var lister = JsonDocument.Parse(await http.GetStringAsync("server_listers/web_sockets"));
        var urls = lister.RootElement.GetProperty("web_socket_servers").EnumerateArray().Select(e => new Uri(e.GetString()!)).ToList();
        Assert.Equal([LiveServers.FirstPath, LiveServers.SecondPath], urls.Select(u => u.AbsolutePath));

        using (var refused = new ClientWebSocket())
        {
            refused.Options.CollectHttpResponseDetails = true;
            await Assert.ThrowsAsync<WebSocketException>(() => refused.ConnectAsync(urls[0], CancellationToken.None));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.HttpStatusCode);
        }
        Assert.Equal(1, emulator.Live.RefusedCount);

        await using (var second = await LiveTestClient.ConnectAsync(urls[1]))
        {
            await second.SendConfigAsync(Owner, [emulator.World.YachtBots[0].SerialNumber]);
            var reply = await second.NextAsync(m => !m.IsHeartbeat, Wait);
            Assert.NotNull(reply);
            Assert.Matches("^[0-9]+$", reply.Text);
        }
        Assert.Equal(1, emulator.Live.ConnectionCountFor(LiveServers.SecondPath));

        // Settable at runtime, in-process and over the admin endpoint.
        emulator.LiveFaults.RefuseFirst = false;
        await using (var first = await LiveTestClient.ConnectAsync(urls[0]))
            Assert.Equal(WebSocketState.Open, first.Socket.State);
        using var body = new StringContent("{\"kind\":\"live\",\"refuse_first\":true}", System.Text.Encoding.UTF8, "application/json");
        using var set = await http.PostAsync("_emulator/faults", body);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.True(emulator.LiveFaults.RefuseFirst);
        using var plain = await http.GetAsync("live_api");
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
    }

    [Fact]
    public async Task Drop_every_aborts_each_connection_without_a_close_handshake()
    {
        await using var emulator = await StartAsync(dropEveryMs: 1200);
        await using var client = await LiveTestClient.ConnectAsync(emulator);
        await client.SendConfigAsync(Owner, [emulator.World.YachtBots[0].SerialNumber]);

        var messages = await client.CollectAsync(TimeSpan.FromSeconds(5));
        var end = messages[^1];
        Assert.True(end.IsError, $"expected an abort, got {end}");
        Assert.IsType<WebSocketException>(end.Error);
        Assert.InRange(end.At.TotalMilliseconds, 1000, 4500);
        Assert.Contains(messages, m => m.IsFrame);
        Assert.Equal(1, emulator.Live.DropCount);

        // A new connection lives again for the same time.
        emulator.LiveFaults.DropEveryMs = 1000;
        await using var again = await LiveTestClient.ConnectAsync(emulator);
        var last = (await again.CollectAsync(TimeSpan.FromSeconds(5)))[^1];
        Assert.True(last.IsError);
        Assert.Equal(2, emulator.Live.DropCount);
    }

    [Fact]
    public async Task No_heartbeat_sends_no_1_but_still_the_timestamp_and_frames()
    {
        await using var emulator = await StartAsync(heartbeatMs: 50, frameMs: 100, noHeartbeat: true);
        await using var client = await LiveTestClient.ConnectAsync(emulator);
        Assert.Null(await client.NextAsync(TimeSpan.FromMilliseconds(400)));

        await client.SendConfigAsync(Owner, [emulator.World.YachtBots[0].SerialNumber]);
        // Frames come every 100 ms; 3 s leave room for a loaded machine (20 heartbeat periods, none of which may come).
        var messages = await client.CollectAsync(TimeSpan.FromSeconds(3));
        Assert.DoesNotContain(messages, m => m.IsHeartbeat);
        Assert.Matches("^[0-9]+$", messages[0].Text);
        Assert.Contains(messages, m => m.IsFrame);
        Assert.Equal(0, emulator.Live.HeartbeatCount);
    }

    [Fact]
    public async Task A_silent_client_is_closed_and_one_that_sends_heartbeats_is_kept()
    {
        // The chatty client beats every 100 ms against a 1.5 s limit: a busy machine cannot make it look silent.
        await using var emulator = await StartAsync(heartbeatMs: 100, clientTimeoutMs: 1500);
        await using var silent = await LiveTestClient.ConnectAsync(emulator);
        await using var chatty = await LiveTestClient.ConnectAsync(emulator);

        using var beats = new CancellationTokenSource();
        var beating = Task.Run(async () =>
        {
            while (!beats.IsCancellationRequested)
            {
                await chatty.SendAsync("1");
                await Task.Delay(100);
            }
        });

        var close = await silent.NextAsync(m => !m.IsHeartbeat, Wait);
        Assert.NotNull(close);
        Assert.True(close.IsClose, $"expected a close frame, got {close}");
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, close.CloseStatus);
        Assert.StartsWith("silence", close.CloseDescription);
        Assert.InRange(close.At.TotalMilliseconds, 1400, 6000);

        await Task.Delay(500);
        beats.Cancel();
        await beating;
        Assert.Equal(WebSocketState.Open, chatty.Socket.State);
        Assert.Equal(1, emulator.Live.SilenceCloseCount);
    }

    [Fact]
    public async Task Stopping_the_emulator_closes_open_connections_with_going_away()
    {
        var emulator = await StartAsync(heartbeatMs: 60_000);
        await using var client = await LiveTestClient.ConnectAsync(emulator);
        await client.SendConfigAsync(Owner, [emulator.World.YachtBots[0].SerialNumber]);
        Assert.NotNull(await client.NextAsync(m => !m.IsHeartbeat, Wait));

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await emulator.DisposeAsync();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {watch.Elapsed}");
        var close = await client.NextAsync(m => m.IsClose || m.IsError, Wait);
        Assert.NotNull(close);
        Assert.True(close.IsClose, $"expected a close frame, got {close}");
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, close.CloseStatus);
        Assert.Equal(0, emulator.Live.OpenConnections);
    }

    [Fact]
    public async Task The_live_clock_runs_from_live_start_at_live_speed_and_is_served_for_tests()
    {
        await using var emulator = await StartAsync();
        Assert.Equal(LiveStart, emulator.LiveClock.Start);
        Assert.Equal(10, emulator.LiveClock.Speed);

        using var http = new HttpClient { BaseAddress = emulator.BaseUri };
        long before = emulator.LiveClock.NowMs;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var document = JsonDocument.Parse(await http.GetStringAsync("_emulator/live_clock"));
        long served = document.RootElement.GetProperty("now_ms").GetInt64();
        Assert.InRange(served, before, emulator.LiveClock.NowMs);

        await Task.Delay(300);
        long later = emulator.LiveClock.NowMs;
        double real = watch.Elapsed.TotalMilliseconds;
        Assert.InRange(later - before, 2_900, (long)(real * 10) + 10);
        Assert.True(before - RegattaEmulatorFixture.Ms(LiveStart) < 60_000 * 10);

        Assert.Throws<ArgumentException>(() => new EmulatorOptions { LiveSpeed = 101 }.Validate());
        Assert.Throws<ArgumentException>(() => new EmulatorOptions { LiveSpeed = 0 }.Validate());
        Assert.Throws<ArgumentException>(() => new EmulatorOptions { LiveFrameMs = 0 }.Validate());
    }
}
