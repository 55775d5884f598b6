namespace Igtimi.Emulator;

/// <summary>One handled request as the request log keeps it: no query string, so no secrets.</summary>
public sealed record RequestLogEntry(string Method, string Path, int Status, DateTimeOffset Time);
