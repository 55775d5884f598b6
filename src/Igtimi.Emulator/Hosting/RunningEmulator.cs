namespace Igtimi.Emulator;

/// <summary>An emulator listening on <see cref="BaseUri"/>. Dispose (or <see cref="StopAsync"/>) to stop it.</summary>
public sealed class RunningEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _stopped;
    private int _disposed;

    internal RunningEmulator(WebApplication app, Uri baseUri, EmulatorOptions options, EmulatorWorld world, FleetData data, FaultInjector faults,
        LiveServers live, SapData sap, SapSecurity sapSecurity)
    {
        Sap = sap;
        SapSecurity = sapSecurity;
        Live = live;
        _app = app;
        BaseUri = baseUri;
        Options = options;
        World = world;
        Data = data;
        Faults = faults;
    }

    /// <summary>The bound base URL with the real port and a trailing slash, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; }

    public EmulatorOptions Options { get; }

    /// <summary>The dialect this instance speaks (<see cref="EmulatorOptions.Flavor"/>).</summary>
    public EmulatorFlavor Flavor => Options.Flavor;

    /// <summary>The SAP flavor's data, from the same <see cref="Data"/> (usable in either flavor to compute expectations).</summary>
    public SapData Sap { get; }

    /// <summary>The SAP flavor's authentication: locks and counters.</summary>
    public SapSecurity SapSecurity { get; }

    public EmulatorWorld World { get; }

    /// <summary>The sensor data model behind <c>resources/data</c> and <c>resources/data/latest</c> (at <see cref="EmulatorOptions.Hz"/>).</summary>
    public FleetData Data { get; }

    /// <summary>Scripts faults and reads the request log.</summary>
    public FaultInjector Faults { get; }

    /// <summary>The live WebSocket servers (<c>/live_api</c>, <c>/live_api2</c>): clock, faults and connection counters.</summary>
    public LiveServers Live { get; }

    /// <summary>The live servers' clock (<see cref="LiveServers.Clock"/>).</summary>
    public LiveClock LiveClock => Live.Clock;

    /// <summary>The live servers' faults, settable while running (<see cref="LiveServers.Faults"/>).</summary>
    public LiveFaults LiveFaults => Live.Faults;

    /// <summary>Stops listening and lets in-flight requests finish (until <paramref name="cancellationToken"/> fires).</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
            await _app.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        await StopAsync();
        await _app.DisposeAsync();
    }
}
