using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;

namespace Igtimi.Emulator.Faults;

/// <summary>A scripted hostile fault: the mode and its validated settings.</summary>
internal sealed record HostileFault(HostileMode Mode, HostileOptions Options);

/// <summary>
/// What a deliberately hostile server sends (<see cref="HostileMode"/>): one small method per mode. Most replace the
/// response, so the token filter and the endpoint never run; <see cref="HostileMode.TruncatedJson"/> (without a
/// body), <see cref="HostileMode.HugeHeader"/> and <see cref="HostileMode.WrongContentLength"/> run the real endpoint.
/// </summary>
internal static class HostileResponses
{
    public const int MaxIntervalMs = 600_000;
    public const int MaxHeaderBytes = 16 * 1024 * 1024;
    public const long MaxInflatedBytes = 4L * 1024 * 1024 * 1024;
    public const int ExtraContentLength = 100;

    private const string JsonUtf8 = "application/json; charset=utf-8";
    private const string Json = "application/json";

    private static readonly int[] RedirectStatuses = [301, 302, 303, 307, 308];
    private static readonly byte[] Space = " "u8.ToArray();
    private static readonly byte[] EndlessStart = "{\"x\":\""u8.ToArray();
    private static readonly byte[] EndlessErrorStart = "{\"error\":\"server_error\",\"error_description\":\""u8.ToArray();
    private static readonly ConcurrentDictionary<long, Lazy<byte[]>> GzipBombs = new();

    /// <summary>The name of a mode over HTTP.</summary>
    public static string Name(HostileMode mode) => mode switch
    {
        HostileMode.EndlessBody => "endless-body",
        HostileMode.EndlessErrorBody => "endless-error-body",
        HostileMode.Html => "html",
        HostileMode.TruncatedJson => "truncated-json",
        HostileMode.HugeHeader => "huge-header",
        HostileMode.GzipBomb => "gzip-bomb",
        HostileMode.WrongContentLength => "wrong-content-length",
        HostileMode.InvalidUtf8 => "invalid-utf8",
        HostileMode.Redirect => "redirect",
        HostileMode.Empty => "empty",
        HostileMode.Body => "body",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    public static string ModeList { get; } = string.Join(", ", Enum.GetValues<HostileMode>().Select(Name));

    public static bool TryParse(string? name, out HostileMode mode)
    {
        foreach (var candidate in Enum.GetValues<HostileMode>())
        {
            if (string.Equals(Name(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                mode = candidate;
                return true;
            }
        }
        mode = default;
        return false;
    }

    /// <summary>Why <paramref name="options"/> do not work for <paramref name="mode"/> (in the admin endpoint's field names), or null.</summary>
    public static string? Validate(HostileMode mode, HostileOptions options)
    {
        if (!Enum.IsDefined(mode))
            return $"\"mode\" must be one of {ModeList}.";
        string name = Name(mode);
        if (options.Body is not null && options.BodyBytes is not null)
            return "Give \"body\" or \"body_base64\", not both.";
        if (options.ContentType is { } contentType && !IsHeaderValue(contentType))
            return "\"content_type\" must be non-empty printable ASCII.";
        if (options.ContentEncoding is { } contentEncoding && !IsHeaderValue(contentEncoding))
            return "\"content_encoding\" must be non-empty printable ASCII.";

        switch (mode)
        {
            case HostileMode.Redirect:
                if (!RedirectStatuses.Contains(options.Status ?? 302))
                    return "\"status\" must be 301, 302, 303, 307 or 308 for redirect.";
                if (options.Location is not { } location || !IsHeaderValue(location))
                    return "\"location\" is required for redirect and must be printable ASCII.";
                break;
            case HostileMode.Empty:
                if (options.Status is not (null or 200 or 204))
                    return "\"status\" must be 200 or 204 for empty.";
                break;
            case HostileMode.TruncatedJson:
                if (BodyOf(options) is { Length: < 2 })
                    return "\"body\" must have at least 2 bytes to be cut in half.";
                break;
            case HostileMode.HugeHeader:
                if (options.HeaderBytes is < 1 or > MaxHeaderBytes)
                    return $"\"header_bytes\" must be between 1 and {MaxHeaderBytes}.";
                break;
            case HostileMode.GzipBomb:
                if (options.InflatedBytes is < 1 or > MaxInflatedBytes)
                    return $"\"inflated_bytes\" must be between 1 and {MaxInflatedBytes}.";
                break;
            case HostileMode.Body:
                if (options.Body is null && options.BodyBytes is null)
                    return "\"body\" or \"body_base64\" is required for body.";
                break;
            case HostileMode.EndlessBody or HostileMode.EndlessErrorBody:
                if (options.IntervalMs is < 1 or > MaxIntervalMs)
                    return $"\"interval_ms\" must be between 1 and {MaxIntervalMs}.";
                break;
        }
        if (options.Status is < 200 or > 599 && UsesStatus(mode))
            return $"\"status\" must be between 200 and 599 for {name}.";
        return null;
    }

    // The modes that run the real endpoint keep its status (truncated-json uses "status" only with a body).
    private static bool UsesStatus(HostileMode mode) => mode is not (HostileMode.HugeHeader or HostileMode.WrongContentLength);

    private static bool IsHeaderValue(string value) => value.Length > 0 && value.All(c => c is >= ' ' and <= '~');

    private static byte[]? BodyOf(HostileOptions options) =>
        options.BodyBytes ?? (options.Body is { } text ? Encoding.UTF8.GetBytes(text) : null);

    public static Task WriteAsync(HttpContext context, RequestDelegate next, HostileFault fault, FaultInjector faults)
    {
        var o = fault.Options;
        return fault.Mode switch
        {
            HostileMode.EndlessBody => EndlessAsync(context, faults, o.Status ?? 200, o, EndlessStart),
            HostileMode.EndlessErrorBody => EndlessAsync(context, faults, o.Status ?? 500, o, EndlessErrorStart),
            HostileMode.Html => HtmlAsync(context, o),
            HostileMode.TruncatedJson => TruncatedJsonAsync(context, next, o),
            HostileMode.HugeHeader => HugeHeaderAsync(context, next, o),
            HostileMode.GzipBomb => GzipBombAsync(context, o),
            HostileMode.WrongContentLength => WrongContentLengthAsync(context, next),
            HostileMode.InvalidUtf8 => InvalidUtf8Async(context, o),
            HostileMode.Redirect => RedirectAsync(context, o),
            HostileMode.Empty => EmptyAsync(context, o),
            HostileMode.Body => BodyAsync(context, o),
            _ => throw new InvalidOperationException($"Unknown hostile mode {fault.Mode}."),
        };
    }

    private static async Task EndlessAsync(HttpContext context, FaultInjector faults, int status, HostileOptions options, byte[] start)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = options.ContentType ?? JsonUtf8;
        // Logged now: the request only ends when the client goes away.
        faults.Record(context.Request.Method, context.Request.Path.Value ?? "/", status);
        context.Items[RequestLogMiddleware.LoggedKey] = true;

        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            await response.Body.WriteAsync(start, stop.Token);
            await response.Body.FlushAsync(stop.Token);
            while (true)
            {
                await Task.Delay(options.IntervalMs, stop.Token);
                await response.Body.WriteAsync(Space, stop.Token);
                await response.Body.FlushAsync(stop.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
        }
        // Never end the chunked body cleanly (on shutdown the client is still there).
        context.Abort();
    }

    private static Task HtmlAsync(HttpContext context, HostileOptions options)
    {
        const string page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Service Unavailable - maintenance</title>
            <style>body { font-family: sans-serif; margin: 4em; color: #333; }</style>
            </head>
            <body>
            <h1>We'll be back soon</h1>
            <p>The service is down for scheduled maintenance. Please try again in a few minutes.</p>
            </body>
            </html>

            """;
        return SendAsync(context, options.Status ?? 200, options.ContentType ?? "text/html; charset=utf-8", Encoding.UTF8.GetBytes(page));
    }

    private static async Task TruncatedJsonAsync(HttpContext context, RequestDelegate next, HostileOptions options)
    {
        byte[] body;
        if (BodyOf(options) is { } given)
        {
            body = given;
            context.Response.StatusCode = options.Status ?? 200;
            context.Response.ContentType = options.ContentType ?? JsonUtf8;
        }
        else
        {
            body = await RunBufferedAsync(context, next);
        }
        int half = body.Length < 2 ? body.Length : Math.Clamp(body.Length / 2, 1, body.Length - 1);
        context.Response.ContentLength = half;
        await context.Response.Body.WriteAsync(body.AsMemory(0, half), context.RequestAborted);
    }

    private static async Task HugeHeaderAsync(HttpContext context, RequestDelegate next, HostileOptions options)
    {
        context.Response.Headers["X-Igtimi-Padding"] = new string('a', options.HeaderBytes);
        await next(context);
    }

    private static Task GzipBombAsync(HttpContext context, HostileOptions options)
    {
        byte[] gzip = GzipBombs.GetOrAdd(options.InflatedBytes, size => new Lazy<byte[]>(() => BuildGzipBomb(size))).Value;
        context.Response.Headers.ContentEncoding = "gzip";
        return SendAsync(context, options.Status ?? 200, options.ContentType ?? Json, gzip);
    }

    private static byte[] BuildGzipBomb(long spaces)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write("{\"user\":{\"id\":1,\"pad\":\""u8);
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)' ');
            for (long left = spaces; left > 0; left -= chunk.Length)
                gzip.Write(chunk, 0, (int)Math.Min(left, chunk.Length));
        }
        return output.ToArray();
    }

    private static async Task WrongContentLengthAsync(HttpContext context, RequestDelegate next)
    {
        byte[] body = await RunBufferedAsync(context, next);
        try
        {
            context.Response.ContentLength = body.Length + ExtraContentLength;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            // Let the transport put the bytes on the wire before the abort drops the connection.
            await Task.Delay(50, context.RequestAborted);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
        {
        }
        // Ending normally would make Kestrel log "too few bytes written" and close the connection itself.
        context.Abort();
    }

    private static Task InvalidUtf8Async(HttpContext context, HostileOptions options)
    {
        byte[] body = BodyOf(options) ??
        [
            .. "{\"latest_data\":[{\"latest_datum\":{\"serial_number\":\""u8,
            0xC3, 0x28, 0xFF,
            .. "\",\"c1\":1,\"timestamp\":1700000000000.0}}]}"u8,
        ];
        return SendAsync(context, options.Status ?? 200, options.ContentType ?? Json, body);
    }

    private static Task RedirectAsync(HttpContext context, HostileOptions options)
    {
        context.Response.Headers.Location = options.Location;
        return SendAsync(context, options.Status ?? 302, null, []);
    }

    private static Task EmptyAsync(HttpContext context, HostileOptions options)
    {
        if (options.Status == 204)
        {
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        }
        return SendAsync(context, 200, options.ContentType ?? Json, []);
    }

    private static Task BodyAsync(HttpContext context, HostileOptions options)
    {
        if (options.ContentEncoding is { } encoding)
            context.Response.Headers.ContentEncoding = encoding;
        return SendAsync(context, options.Status ?? 200, options.ContentType ?? JsonUtf8, BodyOf(options)!);
    }

    private static async Task SendAsync(HttpContext context, int status, string? contentType, byte[] body)
    {
        var response = context.Response;
        response.StatusCode = status;
        if (contentType is not null)
            response.ContentType = contentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>Runs the rest of the pipeline with the body written to memory; status and headers stay set, unsent.</summary>
    private static async Task<byte[]> RunBufferedAsync(HttpContext context, RequestDelegate next)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        return buffer.ToArray();
    }
}
