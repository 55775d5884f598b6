using System.Globalization;

namespace Igtimi.Emulator;

/// <summary>Which status a randomly failed request gets.</summary>
public enum FailStatusMode
{
    /// <summary>503 or 429, chosen by the seeded generator.</summary>
    Mixed,
    ServiceUnavailable503,
    TooManyRequests429,
}

/// <summary>Which dialect of the Igtimi API an emulator instance speaks (one per instance, so dialect detection is unambiguous).</summary>
public enum EmulatorFlavor
{
    /// <summary>igtimi.com: OAuth2, wrapped JSON under <c>/api/v1/</c>, the live servers <c>/live_api</c> and <c>/live_api2</c>.</summary>
    Igtimi,

    /// <summary>SAP's "Riot" gateway (docs/design/sap-dialect.md): <c>/security/api/</c>, <c>/igtimi/api/v1/</c>, <c>/igtimi/websocket</c>.</summary>
    Sap,
}

/// <summary>Settings of one emulator instance (the command line maps onto these).</summary>
public sealed class EmulatorOptions
{
    public const string DefaultUrls = "http://127.0.0.1:0";

    /// <summary>Kestrel listen URLs, separated by ';'. Port 0 picks a free port.</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>Seed of the world (ids, names) and of the random fault generator.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// The regatta's last day (UTC). The regatta runs from 3 days before it, 00:00 UTC, to the day after it,
    /// 00:00 UTC. Null (the default) means today's UTC date when the emulator starts.
    /// </summary>
    public DateOnly? AnchorDate { get; init; }

    /// <summary>Delay added to every request except the fault and request-log admin endpoints.</summary>
    public int LatencyMs { get; init; }

    /// <summary>Share (0.0 to 1.0) of /api and /oauth/token requests that fail at random.</summary>
    public double FailRate { get; init; }

    public FailStatusMode FailStatus { get; init; } = FailStatusMode.Mixed;

    /// <summary>Retry-After seconds sent with randomly failed 429 and 503 responses.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>Samples per second of the fast sensor channels (GPS, COG, HDG, SOG, AWA, AWS, heart rate), above 0 and at most 50.</summary>
    public double Hz { get; init; } = 1;

    /// <summary>Share (0.0 to 1.0) of <c>resources/data</c> responses whose connection is reset mid-body.</summary>
    public double ResetRate { get; init; }

    /// <summary>When above 0, every /api response body is written in 4 KB chunks with this many ms before each chunk.</summary>
    public int SlowBodyMs { get; init; }

    /// <summary>The clock ("now" for <c>resources/data/latest</c>, "today" for a null <see cref="AnchorDate"/>, token times). Null: the system clock.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>The live clock's time when the emulator starts (UTC). Null (the default): the current time of <see cref="Clock"/>.</summary>
    public DateTimeOffset? LiveStart { get; init; }

    /// <summary>How fast the live clock runs: live now = <see cref="LiveStart"/> + real elapsed × this (above 0, at most 100; default 1).</summary>
    public double LiveSpeed { get; init; } = 1;

    /// <summary>Real ms between the live servers' heartbeats (text <c>1</c>); default 15000.</summary>
    public int LiveHeartbeatMs { get; init; } = 15_000;

    /// <summary>Real ms between live data frames; default 1000.</summary>
    public int LiveFrameMs { get; init; } = 1_000;

    /// <summary>Real ms a live client may stay silent (no <c>1</c>, no config) before the server closes it; default 300000 (5 minutes).</summary>
    public int LiveClientTimeoutMs { get; init; } = 300_000;

    /// <summary>Fault: abort every live connection this many real ms after it opened (0: off).</summary>
    public int LiveDropEveryMs { get; init; }

    /// <summary>Fault: the first listed live server (<c>/live_api</c>) refuses connections with 503.</summary>
    public bool LiveRefuseFirst { get; init; }

    /// <summary>Fault: the live servers never send the heartbeat <c>1</c>.</summary>
    public bool LiveNoHeartbeat { get; init; }

    /// <summary>The dialect this instance speaks; the other dialect's paths answer 404 (default <see cref="EmulatorFlavor.Igtimi"/>).</summary>
    public EmulatorFlavor Flavor { get; init; } = EmulatorFlavor.Igtimi;

    /// <summary>
    /// SAP flavor: the first lock after a failed login (a bearer token locks the client IP, a password the user), in real ms;
    /// it doubles with each further failure up to <see cref="SapLockMaxMs"/> and a success resets it. 0 turns locks off. Default 1000.
    /// </summary>
    public int SapLockMs { get; init; } = 1_000;

    /// <summary>SAP flavor: the longest lock, in real ms (at least <see cref="SapLockMs"/>; default 60000).</summary>
    public int SapLockMaxMs { get; init; } = 60_000;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (FindError() is { } error)
            throw new ArgumentException(error);
    }

    /// <summary>The first invalid setting, named as property and command-line option; null when all are valid.</summary>
    internal string? FindError()
    {
        if (string.IsNullOrWhiteSpace(Urls))
            return "Urls (--urls) must not be empty.";
        if (LatencyMs is < 0 or > 600_000)
            return "LatencyMs (--latency-ms) must be between 0 and 600000.";
        if (double.IsNaN(FailRate) || FailRate is < 0.0 or > 1.0)
            return "FailRate (--fail-rate) must be between 0.0 and 1.0.";
        if (RetryAfterSeconds is < 0 or > 86_400)
            return "RetryAfterSeconds (--retry-after) must be between 0 and 86400.";
        if (AnchorDate is { } anchor && (anchor.Year < 1971 || anchor.Year > 9998))
            return "AnchorDate (--anchor-date) must be between 1971-01-01 and 9998-12-31.";
        if (double.IsNaN(Hz) || Hz <= 0 || Hz > FleetData.MaxHz)
            return "Hz (--hz) must be above 0 and at most 50.";
        if (double.IsNaN(ResetRate) || ResetRate is < 0.0 or > 1.0)
            return "ResetRate (--reset-rate) must be between 0.0 and 1.0.";
        if (SlowBodyMs is < 0 or > 600_000)
            return "SlowBodyMs (--slow-body-ms) must be between 0 and 600000.";
        if (LiveStart is { } liveStart && (liveStart.UtcDateTime.Year < 1971 || liveStart.UtcDateTime.Year > 9998))
            return "LiveStart (--live-start) must be between 1971 and 9998.";
        if (double.IsNaN(LiveSpeed) || LiveSpeed <= 0 || LiveSpeed > LiveClock.MaxSpeed)
            return "LiveSpeed (--live-speed) must be above 0 and at most 100.";
        if (LiveHeartbeatMs is < 1 or > 3_600_000)
            return "LiveHeartbeatMs (--live-heartbeat-ms) must be between 1 and 3600000.";
        if (LiveFrameMs is < 1 or > 3_600_000)
            return "LiveFrameMs (--live-frame-ms) must be between 1 and 3600000.";
        if (LiveClientTimeoutMs is < 1 or > 86_400_000)
            return "LiveClientTimeoutMs (--live-client-timeout-ms) must be between 1 and 86400000.";
        if (LiveDropEveryMs is < 0 or > 86_400_000)
            return "LiveDropEveryMs (--live-drop-every-ms) must be between 0 (off) and 86400000.";
        if (!Enum.IsDefined(FailStatus))
            return "FailStatus (--fail-status) is not a known mode.";
        if (!Enum.IsDefined(Flavor))
            return "Flavor (--flavor) must be igtimi or sap.";
        if (SapLockMs is < 0 or > 3_600_000)
            return "SapLockMs (--sap-lock-ms) must be between 0 (off) and 3600000.";
        if (SapLockMaxMs < SapLockMs || SapLockMaxMs > 3_600_000)
            return "SapLockMaxMs must be between SapLockMs and 3600000.";
        return null;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"urls={Urls} seed={Seed} anchor-date={AnchorDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "today"} latency-ms={LatencyMs} " +
        $"fail-rate={FailRate} fail-status={FailStatus} retry-after={RetryAfterSeconds} hz={Hz} reset-rate={ResetRate} slow-body-ms={SlowBodyMs} " +
        $"live-start={LiveStart?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture) ?? "now"} live-speed={LiveSpeed} " +
        $"live-heartbeat-ms={LiveHeartbeatMs} live-frame-ms={LiveFrameMs} live-client-timeout-ms={LiveClientTimeoutMs} " +
        $"live-drop-every-ms={LiveDropEveryMs} live-refuse-first={LiveRefuseFirst} live-no-heartbeat={LiveNoHeartbeat} " +
        $"flavor={Flavor.ToString().ToLowerInvariant()} sap-lock-ms={SapLockMs}");
}
