using System.Net.WebSockets;

namespace Igtimi.Emulator;

/// <summary>Follows the close handshake of one live connection (both flavors) for its <see cref="LiveCloseRecord"/>.</summary>
internal sealed class LiveCloseTracker(string path, LiveSocketWriter writer)
{
    private readonly DateTimeOffset _opened = DateTimeOffset.UtcNow;
    private volatile bool _clientClosed;
    private bool _serverFirst;
    private int? _clientStatus;

    /// <summary>The client's close frame arrived; <paramref name="status"/> is 1005 (Empty) when it had none.</summary>
    public void ClientClosed(WebSocketCloseStatus? status)
    {
        _serverFirst = writer.CloseSent;
        _clientStatus = status is null ? null : (int)status.Value;
        _clientClosed = true;
    }

    public LiveCloseRecord Finish()
    {
        string closedBy = _clientClosed ? (_serverFirst ? LiveCloseRecord.ByServer : LiveCloseRecord.ByClient)
            : writer.CloseSent ? LiveCloseRecord.ByServer : LiveCloseRecord.Abort;
        return new LiveCloseRecord(path, _opened, DateTimeOffset.UtcNow, closedBy, writer.SentStatus, _clientStatus, _clientClosed);
    }
}
