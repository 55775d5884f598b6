using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Igtimi.Emulator.Live;

/// <summary>
/// One live WebSocket connection (docs/design/igtimi-api.md section 7):
/// <list type="number">
/// <item>From the moment it opens, the server sends text <c>1</c> every <see cref="LiveServers.HeartbeatMs"/> (unless
/// <see cref="LiveFaults.NoHeartbeat"/>), before and after the config.</item>
/// <item>Client text <c>1</c> is a heartbeat; any other text is the config, <c>{"access_token","devices"}</c> or
/// <c>{"auth_token","units"}</c>. Only the first config counts; later ones are ignored.</item>
/// <item>After a valid config the server replies once with the live-clock time in ms, then every
/// <see cref="LiveServers.FrameMs"/> sends one data frame with the samples of (last frame's time, live now] (none when empty).</item>
/// <item>The server closes a client that sent nothing for <see cref="LiveServers.ClientTimeoutMs"/> (1008), and aborts every
/// connection <see cref="LiveFaults.DropEveryMs"/> after it opened.</item>
/// </list>
/// Sends are serialized by a lock; the receive loop and the tick loop (heartbeats, frames, timers) run side by side.
/// </summary>
internal sealed class LiveConnection(
    HttpContext http, WebSocket socket, LiveServers servers, EmulatorWorld world, FleetData data, CancellationToken stopping)
{
    /// <summary>The largest client message accepted (a config with hundreds of serials fits easily).</summary>
    private const int MaxMessageBytes = 64 * 1024;

    /// <summary>The tick loop never sleeps longer, so runtime fault changes apply promptly.</summary>
    private const double MaxTickMs = 50;

    private readonly LiveSocketWriter _writer = new(socket);
    private LiveCloseTracker? _closes;
    private readonly long _openedAt = Stopwatch.GetTimestamp();
    private long _lastHeardAt = Stopwatch.GetTimestamp();
    private volatile Subscription? _subscription;

    private sealed record Subscription(EmulatorUser Reader, IReadOnlyList<EmulatorDevice> Devices, double ConfiguredAtMs)
    {
        /// <summary>Live ms of the last sample window sent (the config time at first).</summary>
        public long LastSent { get; set; }
    }

    public Task RunAsync()
    {
        _closes = new LiveCloseTracker(http.Request.Path.Value ?? LiveServers.FirstPath, _writer);
        return LiveConnectionLifetime.RunAsync(http, _writer, _closes, servers, ReceiveLoopAsync, TickLoopAsync,
            WebSocketCloseStatus.EndpointUnavailable, "server stopping", stopping);
    }

    private double ElapsedMs => Stopwatch.GetElapsedTime(_openedAt).TotalMilliseconds;

    private double SilentMs => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastHeardAt)).TotalMilliseconds;

    private async Task TickLoopAsync(CancellationToken ct)
    {
        double heartbeatMs = servers.HeartbeatMs, frameMs = servers.FrameMs, timeoutMs = servers.ClientTimeoutMs;
        double nextHeartbeat = heartbeatMs;
        double? nextFrame = null;
        while (!ct.IsCancellationRequested && !_writer.CloseSent && socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            double elapsed = ElapsedMs;
            int dropMs = servers.Faults.DropEveryMs;
            if (dropMs > 0 && elapsed >= dropMs)
            {
                servers.Dropped();
                http.Abort();
                return;
            }
            int closeMs = servers.Faults.CloseEveryMs;
            if (closeMs > 0 && elapsed >= closeMs)
            {
                servers.ClosedByFault();
                await CloseAsync((WebSocketCloseStatus)servers.Faults.CloseStatus, "emulated fault: closing the connection");
                return;
            }
            if (SilentMs >= timeoutMs)
            {
                servers.Silenced();
                await CloseAsync(LiveServers.SilenceStatus,
                    string.Create(CultureInfo.InvariantCulture, $"silence: nothing from the client for {servers.ClientTimeoutMs} ms"));
                return;
            }
            if (elapsed >= nextHeartbeat)
            {
                if (!servers.Faults.NoHeartbeat)
                {
                    await SendAsync("1"u8.ToArray(), ct);
                    servers.HeartbeatSent();
                }
                nextHeartbeat += heartbeatMs;
                if (nextHeartbeat <= elapsed)
                    nextHeartbeat = elapsed + heartbeatMs;
            }
            if (_subscription is { } subscription)
            {
                nextFrame ??= subscription.ConfiguredAtMs + frameMs;
                if (elapsed >= nextFrame)
                {
                    await SendFrameAsync(subscription, ct);
                    nextFrame += frameMs;
                    if (nextFrame <= elapsed)
                        nextFrame = elapsed + frameMs;
                }
            }

            elapsed = ElapsedMs;
            double wait = Math.Min(MaxTickMs, Math.Min(nextHeartbeat - elapsed, timeoutMs - SilentMs));
            if (nextFrame is double frameDue)
                wait = Math.Min(wait, frameDue - elapsed);
            if (dropMs > 0)
                wait = Math.Min(wait, dropMs - elapsed);
            if (closeMs > 0)
                wait = Math.Min(wait, closeMs - elapsed);
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, wait)), ct);
        }
    }

    private async Task SendFrameAsync(Subscription subscription, CancellationToken ct)
    {
        bool sent = await _writer.SendAsync(() =>
        {
            long now = servers.Clock.NowMs;
            if (now <= subscription.LastSent)
                return null;
            var frame = LiveFrames.Build(data, subscription.Reader, subscription.Devices, subscription.LastSent, now);
            subscription.LastSent = now;
            return frame;
        }, WebSocketMessageType.Text, ct);
        if (sent)
            servers.FrameSent();
    }

    private async Task ReceiveLoopAsync(CancellationToken ct)
    {
        var buffer = new byte[4096];
        using var message = new MemoryStream();
        while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
        {
            var result = await socket.ReceiveAsync(buffer, ct);
            Interlocked.Exchange(ref _lastHeardAt, Stopwatch.GetTimestamp());
            if (result.MessageType == WebSocketMessageType.Close)
            {
                _closes!.ClientClosed(result.CloseStatus);
                // RFC 6455 section 5.5.1: answer a close with a close, echoing its status.
                if (socket.State == WebSocketState.CloseReceived)
                    await CloseAsync(result.CloseStatus ?? WebSocketCloseStatus.Empty, "");
                return;
            }
            if (_writer.CloseSent)
                continue; // waiting for the client's close frame
            message.Write(buffer, 0, result.Count);
            if (message.Length > MaxMessageBytes)
            {
                message.SetLength(0);
                await CloseAsync(WebSocketCloseStatus.MessageTooBig, "message too big");
                continue;
            }
            if (!result.EndOfMessage)
                continue;
            string? text = result.MessageType == WebSocketMessageType.Text ? Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length) : null;
            message.SetLength(0);
            if (text is null || text.Trim() == "1" || _subscription is not null)
                continue; // binary, a client heartbeat, or a config after the first one: nothing to do
            await ConfigureAsync(text, ct);
        }
    }

    /// <summary>Handles the config message: subscribes and replies with the timestamp, or closes the connection.</summary>
    private async Task ConfigureAsync(string text, CancellationToken ct)
    {
        string? token = null;
        var serials = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new JsonException("not an object");
            token = StringProperty(root, "access_token") ?? StringProperty(root, "auth_token");
            var list = root.TryGetProperty("devices", out var devices) ? devices
                : root.TryGetProperty("units", out var units) ? units : default;
            if (list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String && item.GetString()!.Trim() is { Length: > 0 } serial)
                        serials.Add(serial);
                }
            }
        }
        catch (JsonException)
        {
            servers.Rejected();
            await CloseAsync(WebSocketCloseStatus.InvalidPayloadData, "invalid config: expected {\"access_token\",\"devices\"}");
            return;
        }

        var issued = token is null ? null : world.FindToken(token);
        var reader = issued is null ? null : world.FindUser(issued.UserId);
        if (reader is null)
        {
            servers.Rejected();
            await CloseAsync(LiveServers.InvalidTokenStatus,
                token is null ? "invalid_token: the config has no access_token" : "invalid_token: the access token is invalid");
            return;
        }

        // Unknown serials and devices the reader may never read are dropped: they yield nothing.
        var subscribed = new List<EmulatorDevice>();
        foreach (string serial in serials)
        {
            if (world.FindDevice(serial) is { } device && world.DevicePermissions(reader, device).Read && !subscribed.Contains(device))
                subscribed.Add(device);
        }

        // The subscription starts at the time the reply names, and no frame can come between the two.
        await _writer.SendAsync(() =>
        {
            long now = servers.Clock.NowMs;
            _subscription = new Subscription(reader, subscribed, ElapsedMs) { LastSent = now };
            servers.Configured();
            return Encoding.ASCII.GetBytes(now.ToString(CultureInfo.InvariantCulture));
        }, WebSocketMessageType.Text, ct);
    }

    private static string? StringProperty(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s ? s : null;

    private Task SendAsync(byte[] text, CancellationToken ct) => _writer.SendAsync(text, WebSocketMessageType.Text, ct);

    private Task CloseAsync(WebSocketCloseStatus status, string reason) => _writer.CloseAsync(status, reason);
}
