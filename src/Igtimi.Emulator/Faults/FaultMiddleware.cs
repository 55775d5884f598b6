namespace Igtimi.Emulator.Faults;

/// <summary>
/// Applies the fault the fault injector picks for a request: an error status instead of the response, a response
/// cut mid-body (the connection is aborted), a body written slowly, or a hostile answer (<see cref="HostileResponses"/>).
/// With <see cref="FaultInjector.SlowBodyMs"/> every other /api body is written slowly.
/// </summary>
internal sealed class FaultMiddleware(RequestDelegate next, FaultInjector faults)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var fault = AdminPaths.IsAdmin(path) ? null : faults.Next(path.Value ?? "/");
        if (fault is null)
        {
            if (faults.SlowBodyMs > 0 && faults.IsApiPath(path))
                await SlowAsync(context, faults.SlowBodyMs, FaultInjector.DefaultSlowChunkBytes);
            else
                await next(context);
            return;
        }

        switch (fault.Kind)
        {
            case FaultKind.Reset:
                await ResetAsync(context, fault.AfterBytes);
                return;
            case FaultKind.Slow:
                await SlowAsync(context, fault.DelayMs, fault.ChunkBytes);
                return;
            case FaultKind.Hostile:
                await HostileResponses.WriteAsync(context, next, fault.Hostile!, faults);
                return;
        }

        if (fault.RetryAfter is not null)
            context.Response.Headers.RetryAfter = fault.RetryAfter;
        var body = new { error = ErrorNames.ForStatus(fault.Status), error_description = "emulated fault" };
        await Results.Json(body, statusCode: fault.Status).ExecuteAsync(context);
    }

    private async Task ResetAsync(HttpContext context, int afterBytes)
    {
        var original = context.Response.Body;
        var cutting = new CuttingStream(original, afterBytes, context);
        context.Response.Body = cutting;
        try
        {
            await next(context);
            // The body was shorter than afterBytes: send it, but never the end of the response.
            await cutting.CutAsync();
        }
        catch (Exception) when (cutting.IsCut)
        {
            // The endpoint stopped because the connection was cut on purpose.
        }
        finally
        {
            context.Response.Body = original;
        }
    }

    private async Task SlowAsync(HttpContext context, int delayMs, int chunkBytes)
    {
        var original = context.Response.Body;
        context.Response.Body = new SlowStream(original, delayMs, chunkBytes, context.RequestAborted);
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
    }
}

/// <summary>A write-only stream that passes the first bytes through, then flushes them and aborts the connection.</summary>
internal sealed class CuttingStream(Stream inner, int afterBytes, HttpContext context) : Stream
{
    private long _written;

    public bool IsCut { get; private set; }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _written; set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (IsCut)
            throw new IOException("The connection was reset by an emulated fault.");
        long room = afterBytes - _written;
        if (buffer.Length < room)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            _written += buffer.Length;
            return;
        }
        await inner.WriteAsync(buffer[..(int)Math.Max(0, room)], cancellationToken);
        _written += Math.Max(0, room);
        await CutAsync();
        throw new IOException("The connection was reset by an emulated fault.");
    }

    /// <summary>Sends what was written (status and headers included), then aborts the connection.</summary>
    public async Task CutAsync()
    {
        if (IsCut)
            return;
        IsCut = true;
        try
        {
            await context.Response.StartAsync(context.RequestAborted);
            await inner.FlushAsync(context.RequestAborted);
            // Let the transport put the flushed bytes on the wire before the abort drops the connection.
            await Task.Delay(50, context.RequestAborted);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
        {
        }
        context.Abort();
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        IsCut ? Task.CompletedTask : inner.FlushAsync(cancellationToken);

    public override void Flush() => FlushAsync().GetAwaiter().GetResult();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}

/// <summary>A write-only stream that writes in small chunks with a delay before each.</summary>
internal sealed class SlowStream(Stream inner, int delayMs, int chunkBytes, CancellationToken aborted) : Stream
{
    private long _written;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _written; set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (buffer.Length > 0)
        {
            var chunk = buffer[..Math.Min(chunkBytes, buffer.Length)];
            if (delayMs > 0)
                await Task.Delay(delayMs, aborted);
            await inner.WriteAsync(chunk, cancellationToken);
            await inner.FlushAsync(cancellationToken);
            _written += chunk.Length;
            buffer = buffer[chunk.Length..];
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
    public override void Flush() => FlushAsync().GetAwaiter().GetResult();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
