namespace Igtimi.Emulator;

/// <summary>
/// How one live connection ended, as the server saw it: who sent the first close frame, the status the server sent,
/// and the status in the client's close frame. <see cref="CloseCode"/> is the connection's close code at the server as
/// RFC 6455 section 7.1.5 defines it: the client's status, 1005 for a close frame without one, 1006 when none came.
/// </summary>
public sealed record LiveCloseRecord(string Path, DateTimeOffset Opened, DateTimeOffset Closed, string ClosedBy, int? ServerStatus,
    int? ClientStatus, bool ClientCloseReceived)
{
    /// <summary><see cref="ClosedBy"/>: the server's close frame came first.</summary>
    public const string ByServer = "server";

    /// <summary><see cref="ClosedBy"/>: the client's close frame came first.</summary>
    public const string ByClient = "client";

    /// <summary><see cref="ClosedBy"/>: nobody sent a close frame; the TCP connection just ended.</summary>
    public const string Abort = "abort";

    public int CloseCode => !ClientCloseReceived ? 1006 : ClientStatus ?? 1005;
}
