namespace Igtimi.Emulator.Faults;

/// <summary>The admin endpoints that tests use to script faults and read the log: never delayed, faulted or logged.</summary>
internal static class AdminPaths
{
    public const string Faults = "/_emulator/faults";
    public const string Requests = "/_emulator/requests";
    public const string LiveClock = "/_emulator/live_clock";
    public const string LiveConnections = "/_emulator/live_connections";
    public const string Races = "/_emulator/races";

    public static bool IsAdmin(PathString path) =>
        path.Equals(Faults, StringComparison.OrdinalIgnoreCase)
        || path.Equals(Requests, StringComparison.OrdinalIgnoreCase)
        || path.Equals(LiveClock, StringComparison.OrdinalIgnoreCase)
        || path.Equals(LiveConnections, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(Races, StringComparison.OrdinalIgnoreCase);
}
