using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Igtimi.Emulator.Sap;

/// <summary>
/// One connection to the SAP live server <c>/igtimi/websocket</c> (docs/design/sap-dialect.md section 6):
/// <list type="number">
/// <item>The user comes from the upgrade request (anonymous <c>&lt;all&gt;</c> when missing or bad).</item>
/// <item>The server sends text <c>1</c> every <see cref="LiveServers.HeartbeatMs"/>, the first one interval after connecting.</item>
/// <item>Client text exactly <c>1</c> is a heartbeat; any other text is a config: the server first answers with the live-clock time in ms,
/// then parses <c>{"devices":[…]}</c> (not JSON, or no <c>devices</c> array: close 1011). Every config gets its own timestamp.</item>
/// <item>From the connect on, every <see cref="LiveServers.FrameMs"/> one binary frame per device the user may read: one whole
/// <c>Msg</c> with the device's points in (previous tick, live now], whatever the config says.</item>
/// <item>A client silent for <see cref="LiveServers.ClientTimeoutMs"/> is closed (1001, idle timeout); <see cref="LiveFaults.DropEveryMs"/>
/// aborts; the emulator's stop closes with 1000 <c>Riot Server Stopped</c>.</item>
/// </list>
/// </summary>
internal sealed class SapLiveConnection(
    HttpContext http, WebSocket socket, LiveServers servers, SapData sap, EmulatorUser user, CancellationToken stopping)
{
    private const int MaxMessageBytes = 64 * 1024;
    private const double MaxTickMs = 50;

    private readonly LiveSocketWriter _writer = new(socket);
    private LiveCloseTracker? _closes;
    private readonly long _openedAt = Stopwatch.GetTimestamp();
    private long _streamStart;
    private long _lastHeardAt = Stopwatch.GetTimestamp();
    private volatile IReadOnlyList<string> _devices = [];

    /// <summary>The serials of the last valid config (kept, as SAP does, and never consulted).</summary>
    public IReadOnlyList<string> Devices => _devices;

    public Task RunAsync()
    {
        _closes = new LiveCloseTracker(http.Request.Path.Value ?? LiveServers.SapPath, _writer);
        // The stream starts at the connect, not at the config.
        _streamStart = servers.Clock.NowMs;
        return LiveConnectionLifetime.RunAsync(http, _writer, _closes, servers, ReceiveLoopAsync, TickLoopAsync,
            LiveServers.SapStopStatus, LiveServers.SapStopReason, stopping);
    }

    private double ElapsedMs => Stopwatch.GetElapsedTime(_openedAt).TotalMilliseconds;

    private double SilentMs => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastHeardAt)).TotalMilliseconds;

    private async Task TickLoopAsync(CancellationToken ct)
    {
        double heartbeatMs = servers.HeartbeatMs, frameMs = servers.FrameMs, timeoutMs = servers.ClientTimeoutMs;
        double nextHeartbeat = heartbeatMs, nextFrame = frameMs;
        long lastSent = _streamStart;
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
                await CloseAsync(LiveServers.SapIdleStatus, "Connection Idle Timeout");
                return;
            }
            if (elapsed >= nextHeartbeat)
            {
                if (!servers.Faults.NoHeartbeat)
                {
                    await SendAsync("1"u8.ToArray(), WebSocketMessageType.Text, ct);
                    servers.HeartbeatSent();
                }
                nextHeartbeat += heartbeatMs;
                if (nextHeartbeat <= elapsed)
                    nextHeartbeat = elapsed + heartbeatMs;
            }
            if (elapsed >= nextFrame)
            {
                long now = servers.Clock.NowMs;
                if (now > lastSent)
                {
                    await SendFramesAsync(lastSent, now, ct);
                    lastSent = now;
                }
                nextFrame += frameMs;
                if (nextFrame <= elapsed)
                    nextFrame = elapsed + frameMs;
            }

            elapsed = ElapsedMs;
            double wait = Math.Min(MaxTickMs, Math.Min(Math.Min(nextHeartbeat, nextFrame) - elapsed, timeoutMs - SilentMs));
            if (dropMs > 0)
                wait = Math.Min(wait, dropMs - elapsed);
            if (closeMs > 0)
                wait = Math.Min(wait, closeMs - elapsed);
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, wait)), ct);
        }
    }

    /// <summary>One binary frame per readable device with points in (after, until].</summary>
    private async Task SendFramesAsync(long after, long until, CancellationToken ct)
    {
        foreach (var device in sap.Devices(user))
        {
            if (sap.LiveMessage(user, device, after, until) is not { } message)
                continue;
            await SendAsync(message.Encode(), WebSocketMessageType.Binary, ct);
            servers.FrameSent();
        }
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
                continue;
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
            if (text is null)
                continue; // binary from a client: ignored
            if (text == "1")
            {
                servers.ClientHeartbeat();
                continue;
            }
            await ConfigureAsync(text, ct);
        }
    }

    /// <summary>Answers the timestamp first, then takes the devices list, or closes with 1011 when the config is unusable.</summary>
    private async Task ConfigureAsync(string text, CancellationToken ct)
    {
        servers.Configured();
        await SendAsync(Encoding.ASCII.GetBytes(servers.Clock.NowMs.ToString(CultureInfo.InvariantCulture)), WebSocketMessageType.Text, ct);
        var devices = new List<string>();
        bool valid = false;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("devices", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                valid = true;
                foreach (var item in list.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                        devices.Add(item.GetString()!);
                }
            }
        }
        catch (JsonException)
        {
        }
        if (!valid)
        {
            servers.Rejected();
            await CloseAsync(LiveServers.SapBadConfigStatus, "Server Error");
            return;
        }
        _devices = devices;
    }

    private Task SendAsync(byte[] payload, WebSocketMessageType type, CancellationToken ct) => _writer.SendAsync(payload, type, ct);

    private Task CloseAsync(WebSocketCloseStatus status, string reason) => _writer.CloseAsync(status, reason);
}
