namespace Igtimi.Emulator.Faults;

/// <summary>A fault chosen for one request: its status and the Retry-After header value, if any.</summary>
internal sealed record FaultResponse(int Status, string? RetryAfter);
