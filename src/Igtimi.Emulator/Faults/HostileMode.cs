namespace Igtimi.Emulator;

/// <summary>
/// How a hostile fault (<see cref="FaultInjector.EnqueueHostile"/>) misbehaves. Over HTTP the modes are named in
/// kebab case (<c>endless-body</c>, <c>invalid-utf8</c>, …).
/// </summary>
public enum HostileMode
{
    /// <summary><c>{"x":"</c>, then a space every <see cref="HostileOptions.IntervalMs"/>, chunked, until the client goes away.</summary>
    EndlessBody,

    /// <summary>Like <see cref="EndlessBody"/> with status 500 and an error body that never ends.</summary>
    EndlessErrorBody,

    /// <summary>A complete HTML maintenance page (text/html).</summary>
    Html,

    /// <summary>The first half of the real body (or of <see cref="HostileOptions.Body"/>), with a Content-Length that matches the half.</summary>
    TruncatedJson,

    /// <summary>The real response plus <c>X-Igtimi-Padding</c>, <see cref="HostileOptions.HeaderBytes"/> characters long.</summary>
    HugeHeader,

    /// <summary>A small gzip body (Content-Encoding: gzip) that inflates to <see cref="HostileOptions.InflatedBytes"/> of JSON-ish text.</summary>
    GzipBomb,

    /// <summary>The real body with a Content-Length 100 bytes larger, then the connection is aborted.</summary>
    WrongContentLength,

    /// <summary>JSON whose string holds invalid UTF-8 bytes (or <see cref="HostileOptions.Body"/>/<see cref="HostileOptions.BodyBytes"/>).</summary>
    InvalidUtf8,

    /// <summary>A redirect (301, 302, 303, 307 or 308) to <see cref="HostileOptions.Location"/>, empty body.</summary>
    Redirect,

    /// <summary>An empty 200 (Content-Length 0) or 204.</summary>
    Empty,

    /// <summary>A canned response: <see cref="HostileOptions.Body"/> or <see cref="HostileOptions.BodyBytes"/>
    /// with the given status and content type.</summary>
    Body,
}

/// <summary>Settings of a hostile fault. Each mode uses only some of them and ignores the rest.</summary>
public sealed record HostileOptions
{
    /// <summary>The status sent; the default depends on the mode (200, 500 for <see cref="HostileMode.EndlessErrorBody"/>,
    /// 302 for <see cref="HostileMode.Redirect"/>).</summary>
    public int? Status { get; init; }

    public string? ContentType { get; init; }

    /// <summary>Body text, sent as UTF-8.</summary>
    public string? Body { get; init; }

    /// <summary>Body bytes, sent as they are (give this or <see cref="Body"/>, not both).</summary>
    public byte[]? BodyBytes { get; init; }

    /// <summary>Ms between the trickled bytes of the endless modes.</summary>
    public int IntervalMs { get; init; } = 200;

    /// <summary>Length of the padding header of <see cref="HostileMode.HugeHeader"/>.</summary>
    public int HeaderBytes { get; init; } = 100 * 1024;

    /// <summary>Spaces in the inflated body of <see cref="HostileMode.GzipBomb"/>.</summary>
    public long InflatedBytes { get; init; } = 128L * 1024 * 1024;

    /// <summary>The Location of <see cref="HostileMode.Redirect"/> (required there).</summary>
    public string? Location { get; init; }

    /// <summary>A Content-Encoding header for <see cref="HostileMode.Body"/> (such as <c>gzip</c> over bytes that are not gzip).</summary>
    public string? ContentEncoding { get; init; }
}
