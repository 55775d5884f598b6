using System.Globalization;
using Igtimi.Emulator.Faults;

namespace Igtimi.Emulator;

/// <summary>
/// Decides which requests fail, for retry tests: a scripted queue (deterministic) first, then a random
/// share of /api and /oauth/token requests from a seeded generator (status faults), then a random share of
/// <c>resources/data</c> responses cut mid-body (<see cref="ResetRate"/>). Scripted faults are status faults
/// (<see cref="Enqueue"/>), connection resets mid-body (<see cref="EnqueueReset"/>), slow bodies
/// (<see cref="EnqueueSlow"/>) and hostile answers (<see cref="EnqueueHostile"/>). Also keeps the request log. Thread-safe.
/// </summary>
public sealed class FaultInjector
{
    /// <summary>How many entries <see cref="RecentRequests"/> keeps.</summary>
    public const int RequestLogCapacity = 1000;

    private readonly object _gate = new();
    private readonly List<ScriptedFault> _scripted = [];
    private readonly Queue<RequestLogEntry> _log = new();
    private readonly Random _random;
    private readonly double _failRate;
    private readonly FailStatusMode _failStatus;
    private readonly int _retryAfterSeconds;
    private readonly TimeProvider _clock;
    private readonly double _resetRate;
    private long _requestCount;
    private long _faultCount;

    public FaultInjector(double failRate = 0.0, FailStatusMode failStatus = FailStatusMode.Mixed,
        int retryAfterSeconds = 1, int seed = 1, TimeProvider? clock = null, double resetRate = 0.0, int slowBodyMs = 0,
        EmulatorFlavor flavor = EmulatorFlavor.Igtimi)
    {
        Flavor = flavor;
        _resetRate = resetRate;
        SlowBodyMs = slowBodyMs;
        _failRate = failRate;
        _failStatus = failStatus;
        _retryAfterSeconds = retryAfterSeconds;
        _random = new Random(seed);
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>The path prefix of the bulk data endpoint, which random resets (<see cref="ResetRate"/>) target.</summary>
    public const string DataPathPrefix = "/api/v1/resources/data";

    /// <summary>The SAP flavor's bulk data endpoint, which random resets target in that flavor.</summary>
    public const string SapDataPathPrefix = "/igtimi/api/v1/resources/data";

    /// <summary>
    /// The dialect whose paths random faults and <see cref="SlowBodyMs"/> target: igtimi <c>/api/...</c> and <c>/oauth/token</c>; SAP
    /// <c>/igtimi/api/...</c> and <c>/security/api/...</c>.
    /// </summary>
    public EmulatorFlavor Flavor { get; }

    /// <summary>Default chunk size of slow bodies.</summary>
    public const int DefaultSlowChunkBytes = 4096;

    /// <summary>Share of <c>resources/data</c> responses cut mid-body at random (after a seeded 1 to 64 KB).</summary>
    public double ResetRate => _resetRate;

    /// <summary>When above 0, every /api response body is written in <see cref="DefaultSlowChunkBytes"/> chunks with this delay before each.</summary>
    public int SlowBodyMs { get; }

    /// <summary>Requests logged since start or the last <see cref="ClearRequestLog"/>.</summary>
    public long RequestCount => Interlocked.Read(ref _requestCount);

    /// <summary>Faults (scripted or random) served since start.</summary>
    public long FaultCount => Interlocked.Read(ref _faultCount);

    /// <summary>Scripted faults not yet served.</summary>
    public int PendingCount
    {
        get { lock (_gate) return _scripted.Count; }
    }

    /// <summary>The last requests, oldest first (at most <see cref="RequestLogCapacity"/>).</summary>
    public IReadOnlyList<RequestLogEntry> RecentRequests
    {
        get { lock (_gate) return _log.ToArray(); }
    }

    /// <summary>
    /// The next request whose path starts with <paramref name="pathPrefix"/> (any request when null)
    /// gets <paramref name="status"/>. With <paramref name="retryAfterSeconds"/> a Retry-After header is
    /// sent, as delta seconds or, with <paramref name="retryAfterAsHttpDate"/>, as an HTTP-date.
    /// </summary>
    public void Enqueue(int status, int? retryAfterSeconds = null, string? pathPrefix = null, bool retryAfterAsHttpDate = false)
    {
        if (status is < 400 or > 599)
            throw new ArgumentOutOfRangeException(nameof(status), status, "A fault status must be between 400 and 599.");
        if (retryAfterSeconds is < 0)
            throw new ArgumentOutOfRangeException(nameof(retryAfterSeconds), retryAfterSeconds, "Retry-After must not be negative.");
        if (pathPrefix is not null && !pathPrefix.StartsWith('/'))
            throw new ArgumentException("A path prefix must start with '/'.", nameof(pathPrefix));

        lock (_gate)
            _scripted.Add(new ScriptedFault(FaultKind.Status, status, retryAfterSeconds, pathPrefix, retryAfterAsHttpDate, 0, 0, 0));
    }

    /// <summary>
    /// The next request whose path starts with <paramref name="pathPrefix"/> (any request when null) is answered
    /// normally (status, headers, the start of the body), then its connection is aborted after about
    /// <paramref name="afterBytes"/> body bytes. A shorter body is sent whole, but the connection is still aborted
    /// before the response ends, so the client never sees a complete response.
    /// </summary>
    public void EnqueueReset(int afterBytes, string? pathPrefix = null)
    {
        if (afterBytes < 0)
            throw new ArgumentOutOfRangeException(nameof(afterBytes), afterBytes, "afterBytes must not be negative.");
        CheckPrefix(pathPrefix);
        lock (_gate)
            _scripted.Add(new ScriptedFault(FaultKind.Reset, 200, null, pathPrefix, false, afterBytes, 0, 0));
    }

    /// <summary>
    /// The next request whose path starts with <paramref name="pathPrefix"/> (any request when null) gets its body
    /// written in chunks of <paramref name="chunkBytes"/> with <paramref name="delayMs"/> before each chunk.
    /// </summary>
    public void EnqueueSlow(int delayMs, string? pathPrefix = null, int chunkBytes = DefaultSlowChunkBytes)
    {
        if (delayMs is < 0 or > 600_000)
            throw new ArgumentOutOfRangeException(nameof(delayMs), delayMs, "delayMs must be between 0 and 600000.");
        if (chunkBytes < 1)
            throw new ArgumentOutOfRangeException(nameof(chunkBytes), chunkBytes, "chunkBytes must be at least 1.");
        CheckPrefix(pathPrefix);
        lock (_gate)
            _scripted.Add(new ScriptedFault(FaultKind.Slow, 200, null, pathPrefix, false, 0, delayMs, chunkBytes));
    }

    /// <summary>
    /// The next request whose path starts with <paramref name="pathPrefix"/> (any request when null) gets the answer
    /// of a hostile server: see <see cref="HostileMode"/> for what each mode sends and which <paramref name="options"/> it uses.
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range for the mode (e.g. a redirect without a location).</exception>
    public void EnqueueHostile(HostileMode mode, string? pathPrefix = null, HostileOptions? options = null)
    {
        options ??= new HostileOptions();
        if (HostileResponses.Validate(mode, options) is { } reason)
            throw new ArgumentException(reason, nameof(options));
        CheckPrefix(pathPrefix);
        // A copy, so that a caller changing its byte array later does not change the queued fault.
        var fault = new HostileFault(mode, options with { BodyBytes = options.BodyBytes?.ToArray() });
        lock (_gate)
            _scripted.Add(new ScriptedFault(FaultKind.Hostile, 200, null, pathPrefix, false, 0, 0, 0, fault));
    }

    private static void CheckPrefix(string? pathPrefix)
    {
        if (pathPrefix is not null && !pathPrefix.StartsWith('/'))
            throw new ArgumentException("A path prefix must start with '/'.", nameof(pathPrefix));
    }

    /// <summary>Drops all scripted faults not yet served.</summary>
    public void Clear()
    {
        lock (_gate) _scripted.Clear();
    }

    /// <summary>Empties the request log and resets <see cref="RequestCount"/>.</summary>
    public void ClearRequestLog()
    {
        lock (_gate)
        {
            _log.Clear();
            Interlocked.Exchange(ref _requestCount, 0);
        }
    }

    /// <summary>The fault for a request to <paramref name="path"/>, or null when it should be served normally.</summary>
    internal FaultResponse? Next(string path)
    {
        FaultResponse? fault;
        lock (_gate)
            fault = TakeScripted(path) ?? DrawRandom(path);
        if (fault is not null)
            Interlocked.Increment(ref _faultCount);
        return fault;
    }

    /// <summary>Adds a handled request to the log.</summary>
    internal void Record(string method, string path, int status)
    {
        var entry = new RequestLogEntry(method, path, status, _clock.GetUtcNow());
        lock (_gate)
        {
            _log.Enqueue(entry);
            while (_log.Count > RequestLogCapacity)
                _log.Dequeue();
            Interlocked.Increment(ref _requestCount);
        }
    }

    private FaultResponse? TakeScripted(string path)
    {
        int index = _scripted.FindIndex(f => f.PathPrefix is null || path.StartsWith(f.PathPrefix, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
            return null;
        var fault = _scripted[index];
        _scripted.RemoveAt(index);
        return fault.Kind switch
        {
            FaultKind.Reset => new FaultResponse(FaultKind.Reset, 200, null, AfterBytes: fault.AfterBytes),
            FaultKind.Slow => new FaultResponse(FaultKind.Slow, 200, null, DelayMs: fault.DelayMs, ChunkBytes: fault.ChunkBytes),
            FaultKind.Hostile => new FaultResponse(FaultKind.Hostile, 200, null, Hostile: fault.Hostile),
            _ => new FaultResponse(FaultKind.Status, fault.Status, FormatRetryAfter(fault.RetryAfterSeconds, fault.AsHttpDate)),
        };
    }

    private FaultResponse? DrawRandom(string path) => DrawRandomStatus(path) ?? DrawRandomReset(path);

    private FaultResponse? DrawRandomReset(string path)
    {
        string prefix = Flavor == EmulatorFlavor.Sap ? SapDataPathPrefix : DataPathPrefix;
        if (_resetRate <= 0.0 || !path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || _random.NextDouble() >= _resetRate)
            return null;
        return new FaultResponse(FaultKind.Reset, 200, null, AfterBytes: _random.Next(1024, 65_537));
    }

    private FaultResponse? DrawRandomStatus(string path)
    {
        if (_failRate <= 0.0 || !IsRandomFaultTarget(path) || _random.NextDouble() >= _failRate)
            return null;
        int status = _failStatus switch
        {
            FailStatusMode.ServiceUnavailable503 => 503,
            FailStatusMode.TooManyRequests429 => 429,
            _ => _random.Next(2) == 0 ? 503 : 429,
        };
        return new FaultResponse(FaultKind.Status, status, FormatRetryAfter(_retryAfterSeconds, asHttpDate: false));
    }

    /// <summary>Whether <see cref="SlowBodyMs"/> slows this path: the flavor's API paths.</summary>
    internal bool IsApiPath(PathString path) =>
        Flavor == EmulatorFlavor.Sap
            ? path.StartsWithSegments("/igtimi/api", StringComparison.OrdinalIgnoreCase)
              || path.StartsWithSegments("/security/api", StringComparison.OrdinalIgnoreCase)
            : Api.ApiPaths.IsApi(path);

    private bool IsRandomFaultTarget(string path) =>
        Flavor == EmulatorFlavor.Sap
            ? path.StartsWith("/igtimi/api/", StringComparison.OrdinalIgnoreCase)
              || path.StartsWith("/security/api/restsecurity/access_token", StringComparison.OrdinalIgnoreCase)
            : path.Equals("/api", StringComparison.OrdinalIgnoreCase)
              || path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase)
              || path.Equals("/oauth/token", StringComparison.OrdinalIgnoreCase);

    private string? FormatRetryAfter(int? seconds, bool asHttpDate)
    {
        if (seconds is not int delta)
            return null;
        if (!asHttpDate)
            return delta.ToString(CultureInfo.InvariantCulture);
        // HTTP-dates have whole seconds: round up so that a client never waits less than asked.
        var now = _clock.GetUtcNow();
        long unixSeconds = now.ToUnixTimeSeconds() + delta + (now.Millisecond > 0 ? 1 : 0);
        return DateTimeOffset.FromUnixTimeSeconds(unixSeconds).ToString("r", CultureInfo.InvariantCulture);
    }

    private sealed record ScriptedFault(FaultKind Kind, int Status, int? RetryAfterSeconds, string? PathPrefix, bool AsHttpDate,
        int AfterBytes, int DelayMs, int ChunkBytes, HostileFault? Hostile = null);
}
