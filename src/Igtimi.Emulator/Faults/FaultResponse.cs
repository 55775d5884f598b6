namespace Igtimi.Emulator.Faults;

/// <summary>What a fault does to a response.</summary>
internal enum FaultKind
{
    /// <summary>An error status (with Retry-After) instead of the response.</summary>
    Status,

    /// <summary>The response starts normally, then the connection is aborted mid-body.</summary>
    Reset,

    /// <summary>The body is written in small chunks with delays.</summary>
    Slow,

    /// <summary>A hostile server's answer (<see cref="HostileResponses"/>).</summary>
    Hostile,
}

/// <summary>A fault chosen for one request.</summary>
internal sealed record FaultResponse(FaultKind Kind, int Status, string? RetryAfter, int AfterBytes = 0, int DelayMs = 0, int ChunkBytes = 0,
    HostileFault? Hostile = null);
