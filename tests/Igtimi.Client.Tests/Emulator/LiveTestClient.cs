using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Igtimi.Emulator;

namespace Igtimi.Client.Tests.Emulator;

/// <summary>What a live test client got: a text message, the server's close frame, or a broken connection.</summary>
public sealed record LiveMessage(string? Text, WebSocketCloseStatus? CloseStatus, string? CloseDescription, Exception? Error, TimeSpan At)
{
    public bool IsText => Text is not null;
    public bool IsHeartbeat => Text == "1";
    public bool IsFrame => Text is not null && Text.StartsWith('[');
    public bool IsClose => CloseStatus is not null;
    public bool IsError => Error is not null;
}

/// <summary>
/// A plain <see cref="ClientWebSocket"/> on an emulator live server with a background reader, so tests can wait for
/// messages with timeouts without cancelling (and so aborting) a receive.
/// </summary>
public sealed class LiveTestClient : IAsyncDisposable
{
    private readonly Channel<LiveMessage> _messages = Channel.CreateUnbounded<LiveMessage>();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Task _reader;

    private LiveTestClient(ClientWebSocket socket)
    {
        Socket = socket;
        _reader = Task.Run(ReadLoopAsync);
    }

    public ClientWebSocket Socket { get; }

    /// <summary>Real time since the connection opened.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    public static Uri LiveUri(RunningEmulator emulator, string path = LiveServers.FirstPath) =>
        new(new Uri(emulator.BaseUri.ToString().Replace("http://", "ws://", StringComparison.Ordinal)), path.TrimStart('/'));

    public static async Task<LiveTestClient> ConnectAsync(RunningEmulator emulator, string path = LiveServers.FirstPath) =>
        await ConnectAsync(LiveUri(emulator, path));

    public static async Task<LiveTestClient> ConnectAsync(Uri uri)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(uri, timeout.Token);
        return new LiveTestClient(socket);
    }

    public Task SendAsync(string text) =>
        Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task SendConfigAsync(string token, IEnumerable<string> serials, bool authTokenSpelling = false)
    {
        string list = "[" + string.Join(",", serials.Select(s => "\"" + s + "\"")) + "]";
        return SendAsync(authTokenSpelling
            ? "{\"auth_token\":\"" + token + "\",\"units\":" + list + "}"
            : "{\"access_token\":\"" + token + "\",\"devices\":" + list + "}");
    }

    /// <summary>The next message, or null when none came within <paramref name="timeout"/>.</summary>
    public async Task<LiveMessage?> NextAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await _messages.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    /// <summary>The next message that matches, skipping others; null when none came within <paramref name="timeout"/>.</summary>
    public async Task<LiveMessage?> NextAsync(Func<LiveMessage, bool> match, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            var message = await NextAsync(timeout - deadline.Elapsed);
            if (message is null)
                return null;
            if (match(message))
                return message;
        }
        return null;
    }

    /// <summary>Every message that arrives within <paramref name="duration"/> (stops early at a close or error).</summary>
    public async Task<List<LiveMessage>> CollectAsync(TimeSpan duration)
    {
        var all = new List<LiveMessage>();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            var message = await NextAsync(duration - watch.Elapsed);
            if (message is null)
                break;
            all.Add(message);
            if (message.IsClose || message.IsError)
                break;
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
                    _messages.Writer.TryWrite(new LiveMessage(null, result.CloseStatus ?? WebSocketCloseStatus.Empty, result.CloseStatusDescription,
                        null, _clock.Elapsed));
                    return;
                }
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                    continue;
                _messages.Writer.TryWrite(new LiveMessage(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length),
                    null, null, null, _clock.Elapsed));
                message.SetLength(0);
            }
        }
        catch (Exception ex)
        {
            _messages.Writer.TryWrite(new LiveMessage(null, null, null, ex, _clock.Elapsed));
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
