namespace Igtimi.Emulator;

/// <summary>
/// Faults of the live servers, settable while the emulator runs (from <c>--live-drop-every-ms</c>, <c>--live-refuse-first</c>
/// and <c>--live-no-heartbeat</c> at start, or <c>POST /_emulator/faults</c> with <c>"kind":"live"</c>). Thread-safe.
/// </summary>
public sealed class LiveFaults
{
    private volatile int _dropEveryMs;
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
        RefuseFirst = false;
        NoHeartbeat = false;
    }
}
