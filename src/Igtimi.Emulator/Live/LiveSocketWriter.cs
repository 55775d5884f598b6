using System.Net.WebSockets;

namespace Igtimi.Emulator;

/// <summary>
/// The sending side of one live WebSocket, shared by both flavors' connections: one send at a time (a lock), at
/// most one close frame, and nothing sent after it. The overload that takes a payload factory
/// builds its payload under the lock, so what a frame covers and its place in the stream agree.
/// </summary>
internal sealed class LiveSocketWriter(WebSocket socket) : IDisposable
{
    /// <summary>How long a close waits for a send in progress, and the server for the client's close frame.</summary>
    public static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _lock = new(1, 1);
    private volatile bool _closeSent;
    private int _sentStatus;

    public bool CloseSent => _closeSent;

    /// <summary>The status of the close frame sent, or null before one was.</summary>
    public int? SentStatus => _closeSent ? Volatile.Read(ref _sentStatus) : null;

    public Task SendAsync(byte[] payload, WebSocketMessageType type, CancellationToken ct) => SendAsync(() => payload, type, ct);

    /// <summary>Builds the payload under the lock and sends it; false when there was nothing to send or the link is closing.</summary>
    public async Task<bool> SendAsync(Func<byte[]?> build, WebSocketMessageType type, CancellationToken ct)
    {
        await _lock.WaitAsync(ct);
        try
        {
            var payload = build();
            if (payload is null || _closeSent)
                return false;
            await socket.SendAsync(payload, type, endOfMessage: true, ct);
            return true;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Sends the close frame (once); the client's answer ends the receive loop.</summary>
    public async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        using var timeout = new CancellationTokenSource(CloseWait);
        try
        {
            await _lock.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        try
        {
            if (_closeSent || socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
                return;
            Volatile.Write(ref _sentStatus, (int)status);
            _closeSent = true;
            await socket.CloseOutputAsync(status, reason, timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException)
        {
            // The client went away during the close: there is nobody left to tell.
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose() => _lock.Dispose();
}
