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

    /// <summary>The close status sent for an unknown or missing token (1008, policy violation).</summary>
    public const System.Net.WebSockets.WebSocketCloseStatus InvalidTokenStatus = System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation;

    /// <summary>The close status sent to a client that stayed silent too long (1008, policy violation).</summary>
    public const System.Net.WebSockets.WebSocketCloseStatus SilenceStatus = System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation;

    private long _connections, _first, _second, _open, _refused, _dropped, _silenced, _configs, _rejected, _frames, _heartbeats;

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

    /// <summary>Connections accepted on one server path (<see cref="FirstPath"/> or <see cref="SecondPath"/>).</summary>
    public long ConnectionCountFor(string path) =>
        string.Equals(path, FirstPath, StringComparison.OrdinalIgnoreCase) ? Interlocked.Read(ref _first)
        : string.Equals(path, SecondPath, StringComparison.OrdinalIgnoreCase) ? Interlocked.Read(ref _second)
        : 0;

    /// <summary>Connections open right now.</summary>
    public long OpenConnections => Interlocked.Read(ref _open);

    /// <summary>Upgrade requests refused with 503 (<see cref="LiveFaults.RefuseFirst"/>).</summary>
    public long RefusedCount => Interlocked.Read(ref _refused);

    /// <summary>Connections aborted by <see cref="LiveFaults.DropEveryMs"/>.</summary>
    public long DropCount => Interlocked.Read(ref _dropped);

    /// <summary>Connections closed because the client was silent for <see cref="ClientTimeoutMs"/>.</summary>
    public long SilenceCloseCount => Interlocked.Read(ref _silenced);

    /// <summary>Valid configs received (each answered with the timestamp).</summary>
    public long ConfigCount => Interlocked.Read(ref _configs);

    /// <summary>Configs refused (bad JSON, unknown or missing token) and closed.</summary>
    public long RejectedConfigCount => Interlocked.Read(ref _rejected);

    /// <summary>Data frames sent.</summary>
    public long FrameCount => Interlocked.Read(ref _frames);

    /// <summary>Heartbeats <c>1</c> sent.</summary>
    public long HeartbeatCount => Interlocked.Read(ref _heartbeats);

    internal void Opened(string path)
    {
        Interlocked.Increment(ref _connections);
        Interlocked.Increment(ref _open);
        if (string.Equals(path, FirstPath, StringComparison.OrdinalIgnoreCase))
            Interlocked.Increment(ref _first);
        else
            Interlocked.Increment(ref _second);
    }

    internal void Closed() => Interlocked.Decrement(ref _open);

    internal void Refused() => Interlocked.Increment(ref _refused);

    internal void Dropped() => Interlocked.Increment(ref _dropped);

    internal void Silenced() => Interlocked.Increment(ref _silenced);

    internal void Configured() => Interlocked.Increment(ref _configs);

    internal void Rejected() => Interlocked.Increment(ref _rejected);

    internal void FrameSent() => Interlocked.Increment(ref _frames);

    internal void HeartbeatSent() => Interlocked.Increment(ref _heartbeats);
}
