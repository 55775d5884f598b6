namespace Igtimi.Emulator;

/// <summary>
/// Faults of the live servers, settable while the emulator runs (from <c>--live-drop-every-ms</c>, <c>--live-refuse-first</c>
/// and <c>--live-no-heartbeat</c> at start, or <c>POST /_emulator/faults</c> with <c>"kind":"live"</c>). Thread-safe.
/// </summary>
public sealed class LiveFaults
{
    private volatile int _dropEveryMs;
    private volatile int _closeEveryMs;
    private volatile int _closeStatus = DefaultCloseStatus;
    private volatile bool _refuseFirst;
    private volatile bool _noHeartbeat;

    /// <summary>
    /// When above 0, every live connection is aborted (no close handshake: the TCP connection is dropped) this many real ms
    /// after it opened. Applies to open connections too; 0 turns it off.
    /// </summary>
    public int DropEveryMs
    {
        get => _dropEveryMs;
        set
        {
            if (value is < 0 or > 86_400_000)
                throw new ArgumentOutOfRangeException(nameof(value), value, "DropEveryMs must be between 0 (off) and 86400000.");
            _dropEveryMs = value;
        }
    }

    /// <summary>The close status of <see cref="CloseEveryMs"/> unless set: 1001, going away, as a server that restarts sends.</summary>
    public const int DefaultCloseStatus = 1001;

    /// <summary>
    /// When above 0, the server closes every live connection properly (a close frame with <see cref="CloseStatus"/>, then it
    /// waits briefly for the client's) this many real ms after it opened. Applies to open connections too; 0 turns it off.
    /// </summary>
    public int CloseEveryMs
    {
        get => _closeEveryMs;
        set
        {
            if (value is < 0 or > 86_400_000)
                throw new ArgumentOutOfRangeException(nameof(value), value, "CloseEveryMs must be between 0 (off) and 86400000.");
            _closeEveryMs = value;
        }
    }

    /// <summary>The status of the close frames of <see cref="CloseEveryMs"/>: 1000 to 1003, 1007 to 1014, or 3000 to 4999 (RFC 6455 section 7.4).</summary>
    public int CloseStatus
    {
        get => _closeStatus;
        set
        {
            if (!IsSendableStatus(value))
                throw new ArgumentOutOfRangeException(nameof(value), value, "CloseStatus must be 1000 to 1003, 1007 to 1014, or 3000 to 4999.");
            _closeStatus = value;
        }
    }

    /// <summary>A status an endpoint may put in a close frame (1004 is reserved; 1005, 1006 and 1015 never go on the wire).</summary>
    public static bool IsSendableStatus(int status) => status is (>= 1000 and <= 1003) or (>= 1007 and <= 1014) or (>= 3000 and <= 4999);

    /// <summary>The first listed server (<c>/live_api</c>) answers its WebSocket upgrades with 503. Open connections stay open.</summary>
    public bool RefuseFirst
    {
        get => _refuseFirst;
        set => _refuseFirst = value;
    }

    /// <summary>The servers send no heartbeat <c>1</c> (data frames and the timestamp reply still flow).</summary>
    public bool NoHeartbeat
    {
        get => _noHeartbeat;
        set => _noHeartbeat = value;
    }

    /// <summary>Turns every live fault off.</summary>
    public void Clear()
    {
        DropEveryMs = 0;
        CloseEveryMs = 0;
        CloseStatus = DefaultCloseStatus;
        RefuseFirst = false;
        NoHeartbeat = false;
    }
}
