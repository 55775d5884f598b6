namespace Igtimi.Emulator;

/// <summary>
/// The live WebSocket servers at <see cref="FirstPath"/> and <see cref="SecondPath"/> (what <c>/server_listers/web_sockets</c>
/// lists, in that order): their clock, their faults and counters for tests. Thread-safe.
/// </summary>
public sealed class LiveServers
{
    /// <summary>The first listed server.</summary>
    public const string FirstPath = "/live_api";

    /// <summary>The second listed server.</summary>
    public const string SecondPath = "/live_api2";

    /// <summary>The SAP flavor's one live server (docs/design/sap-dialect.md section 6).</summary>
    public const string SapPath = "/igtimi/websocket";

    /// <summary>The SAP server's close when the emulator stops: 1000 with <see cref="SapStopReason"/>.</summary>
    public const System.Net.WebSockets.WebSocketCloseStatus SapStopStatus = System.Net.WebSockets.WebSocketCloseStatus.NormalClosure;

    public const string SapStopReason = "Riot Server Stopped";

    /// <summary>The SAP server's close after the timestamp reply to a config that is not JSON or has no <c>devices</c> array (1011).</summary>
    public const System.Net.WebSockets.WebSocketCloseStatus SapBadConfigStatus = System.Net.WebSockets.WebSocketCloseStatus.InternalServerError;

    /// <summary>The SAP server's close of a client silent for <see cref="ClientTimeoutMs"/> (1001, as Jetty's idle timeout).</summary>
    public const System.Net.WebSockets.WebSocketCloseStatus SapIdleStatus = System.Net.WebSockets.WebSocketCloseStatus.EndpointUnavailable;

    /// <summary>The close status sent for an unknown or missing token (1008, policy violation).</summary>
    public const System.Net.WebSockets.WebSocketCloseStatus InvalidTokenStatus = System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation;

    /// <summary>The close status sent to a client that stayed silent too long (1008, policy violation).</summary>
    public const System.Net.WebSockets.WebSocketCloseStatus SilenceStatus = System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation;

    private const int MaxCloseRecords = 1000;
    private readonly Queue<LiveCloseRecord> _closes = new();
    private long _connections, _first, _second, _sap, _clientHeartbeats, _open, _refused, _dropped,
        _faultCloses, _silenced, _configs, _rejected, _frames, _heartbeats;

    internal LiveServers(LiveClock clock, LiveFaults faults, EmulatorOptions options)
    {
        Clock = clock;
        Faults = faults;
        HeartbeatMs = options.LiveHeartbeatMs;
        FrameMs = options.LiveFrameMs;
        ClientTimeoutMs = options.LiveClientTimeoutMs;
    }

    /// <summary>The server paths in the order the server lister gives them.</summary>
    public static IReadOnlyList<string> Paths { get; } = [FirstPath, SecondPath];

    public LiveClock Clock { get; }

    public LiveFaults Faults { get; }

    /// <summary>Real ms between heartbeats <c>1</c>.</summary>
    public int HeartbeatMs { get; }

    /// <summary>Real ms between data frames.</summary>
    public int FrameMs { get; }

    /// <summary>Real ms of client silence after which the server closes the connection.</summary>
    public int ClientTimeoutMs { get; }

    /// <summary>WebSocket connections accepted on both servers since start.</summary>
    public long ConnectionCount => Interlocked.Read(ref _connections);

    /// <summary>Connections accepted on one server path (<see cref="FirstPath"/>, <see cref="SecondPath"/> or <see cref="SapPath"/>).</summary>
    public long ConnectionCountFor(string path) =>
        string.Equals(path, FirstPath, StringComparison.OrdinalIgnoreCase) ? Interlocked.Read(ref _first)
        : string.Equals(path, SecondPath, StringComparison.OrdinalIgnoreCase) ? Interlocked.Read(ref _second)
        : string.Equals(path, SapPath, StringComparison.OrdinalIgnoreCase) ? Interlocked.Read(ref _sap)
        : 0;

    /// <summary>Client heartbeats <c>1</c> received on the SAP server.</summary>
    public long ClientHeartbeatCount => Interlocked.Read(ref _clientHeartbeats);

    /// <summary>Connections open right now.</summary>
    public long OpenConnections => Interlocked.Read(ref _open);

    /// <summary>Upgrade requests refused with 503 (<see cref="LiveFaults.RefuseFirst"/>).</summary>
    public long RefusedCount => Interlocked.Read(ref _refused);

    /// <summary>Connections aborted by <see cref="LiveFaults.DropEveryMs"/>.</summary>
    public long DropCount => Interlocked.Read(ref _dropped);

    /// <summary>Connections closed properly by <see cref="LiveFaults.CloseEveryMs"/>.</summary>
    public long FaultCloseCount => Interlocked.Read(ref _faultCloses);

    /// <summary>Connections closed because the client was silent for <see cref="ClientTimeoutMs"/>.</summary>
    public long SilenceCloseCount => Interlocked.Read(ref _silenced);

    /// <summary>Valid configs received, each answered with the timestamp (on the SAP server: every config, valid or not, as each gets one).</summary>
    public long ConfigCount => Interlocked.Read(ref _configs);

    /// <summary>Configs refused (bad JSON, unknown or missing token; on the SAP server no <c>devices</c> array) and closed.</summary>
    public long RejectedConfigCount => Interlocked.Read(ref _rejected);

    /// <summary>Data frames sent (on the SAP server: binary frames, one per device and tick).</summary>
    public long FrameCount => Interlocked.Read(ref _frames);

    /// <summary>Heartbeats <c>1</c> sent.</summary>
    public long HeartbeatCount => Interlocked.Read(ref _heartbeats);

    /// <summary>How the last 1000 connections ended, oldest first.</summary>
    public IReadOnlyList<LiveCloseRecord> RecentCloses
    {
        get
        {
            lock (_closes)
                return _closes.ToArray();
        }
    }

    internal void RecordClose(LiveCloseRecord record)
    {
        lock (_closes)
        {
            _closes.Enqueue(record);
            while (_closes.Count > MaxCloseRecords)
                _closes.Dequeue();
        }
    }

    internal void ClearCloses()
    {
        lock (_closes)
            _closes.Clear();
    }

    internal void Opened(string path)
    {
        Interlocked.Increment(ref _connections);
        Interlocked.Increment(ref _open);
        if (string.Equals(path, FirstPath, StringComparison.OrdinalIgnoreCase))
            Interlocked.Increment(ref _first);
        else if (string.Equals(path, SapPath, StringComparison.OrdinalIgnoreCase))
            Interlocked.Increment(ref _sap);
        else
            Interlocked.Increment(ref _second);
    }

    internal void Closed() => Interlocked.Decrement(ref _open);

    internal void Refused() => Interlocked.Increment(ref _refused);

    internal void Dropped() => Interlocked.Increment(ref _dropped);

    internal void ClosedByFault() => Interlocked.Increment(ref _faultCloses);

    internal void Silenced() => Interlocked.Increment(ref _silenced);

    internal void Configured() => Interlocked.Increment(ref _configs);

    internal void Rejected() => Interlocked.Increment(ref _rejected);

    internal void FrameSent() => Interlocked.Increment(ref _frames);

    internal void HeartbeatSent() => Interlocked.Increment(ref _heartbeats);

    internal void ClientHeartbeat() => Interlocked.Increment(ref _clientHeartbeats);
}
