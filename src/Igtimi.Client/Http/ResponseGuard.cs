using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Igtimi.Client.Http
{
    /// <summary>How long a server may take and how much it may send for one request.</summary>
    internal sealed class ResponseLimits
    {
        private const string PropertyKey = "Igtimi.ResponseLimits";

        public ResponseLimits(TimeSpan timeout, TimeSpan idleTimeout, long maxBodyBytes)
        {
            Timeout = timeout;
            IdleTimeout = idleTimeout;
            MaxBodyBytes = maxBodyBytes;
        }

        /// <summary>The time the server has to deliver the headers and the whole body (time spent waiting for it, not for the reader).</summary>
        public TimeSpan Timeout { get; }

        /// <summary>The longest wait for the next bytes of the body.</summary>
        public TimeSpan IdleTimeout { get; }

        /// <summary>The most body bytes accepted, after decompression.</summary>
        public long MaxBodyBytes { get; }

        public static ResponseLimits Buffered(IgtimiClientOptions options) =>
            new ResponseLimits(options.Timeout, options.IdleTimeout, options.MaxBufferedBodyBytes);

        public static ResponseLimits Streamed(IgtimiClientOptions options) =>
            new ResponseLimits(options.Timeout, options.IdleTimeout, options.MaxStreamedBodyBytes);

#pragma warning disable CS0618 // HttpRequestMessage.Properties: the only per-request bag netstandard2.0 has.
        public void ApplyTo(HttpRequestMessage request) => request.Properties[PropertyKey] = this;

        public static ResponseLimits? Of(HttpRequestMessage request) =>
            request.Properties.TryGetValue(PropertyKey, out var value) ? value as ResponseLimits : null;
#pragma warning restore CS0618
    }

    /// <summary>
    /// Sits between HttpClient and the socket handler, so that every request of a connection (the
    /// OAuth library's too) has a deadline and every body a size cap, an idle timeout and a reader
    /// that Ctrl+C stops at once, whoever reads it.
    /// </summary>
    internal sealed class ResponseGuardHandler : DelegatingHandler
    {
        private readonly IgtimiClientOptions _options;

        public ResponseGuardHandler(HttpMessageHandler inner, IgtimiClientOptions options) : base(inner)
        {
            _options = options;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var limits = ResponseLimits.Of(request) ?? ResponseLimits.Buffered(_options);
            var clock = Stopwatch.StartNew();
            HttpResponseMessage response;
            using (var headers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                headers.CancelAfter(limits.Timeout);
                try
                {
                    response = await base.SendAsync(request, headers.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new ResponseTimeoutException($"no response within {Seconds(limits.Timeout)}", headersPhase: true);
                }
            }
            if (response.Content != null)
                response.Content = new GuardedContent(response.Content, limits, limits.Timeout - clock.Elapsed, cancellationToken);
            return response;
        }

        internal static string Seconds(TimeSpan span) => span.TotalSeconds >= 1 ? $"{span.TotalSeconds:0.#} s" : $"{span.TotalMilliseconds:0} ms";
    }

    /// <summary>The response content with its stream wrapped in a <see cref="GuardedStream"/>.</summary>
    internal sealed class GuardedContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly ResponseLimits _limits;
        private readonly TimeSpan _budget;
        private readonly CancellationToken _call;

        public GuardedContent(HttpContent inner, ResponseLimits limits, TimeSpan budget, CancellationToken call)
        {
            _inner = inner;
            _limits = limits;
            _budget = budget;
            _call = call;
            foreach (var header in inner.Headers) Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        protected override async Task<Stream> CreateContentReadStreamAsync()
        {
            var stream = await _inner.ReadAsStreamAsync().ConfigureAwait(false);
            return new GuardedStream(stream, _limits, _budget, _inner.Headers.ContentLength, _call);
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            using var source = await CreateContentReadStreamAsync().ConfigureAwait(false);
            await source.CopyToAsync(stream, 81920, _call).ConfigureAwait(false);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>
    /// A read-only body stream that fails with an IOException of its own when the server stalls (no
    /// bytes for the idle timeout), runs out of its time budget, sends more than the cap, or ends
    /// before its declared length. The budget only counts time spent waiting for the server, so a
    /// slow reader downstream is never blamed on it. A cancelled read also disposes the underlying
    /// stream, for runtimes whose network reads ignore the token.
    /// </summary>
    internal sealed class GuardedStream : Stream
    {
        private readonly Stream _inner;
        private readonly ResponseLimits _limits;
        private readonly long? _declaredLength;
        private readonly CancellationToken _call;
        private TimeSpan _budget;
        private long _read;

        public GuardedStream(Stream inner, ResponseLimits limits, TimeSpan budget, long? declaredLength, CancellationToken call)
        {
            _inner = inner;
            _limits = limits;
            _budget = budget;
            _declaredLength = declaredLength;
            _call = call;
        }

        public long BytesRead => _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (_budget <= TimeSpan.Zero) throw DeadlinePassed();
            var budgetBinds = _budget < _limits.IdleTimeout;
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _call);
            wait.CancelAfter(budgetBinds ? _budget : _limits.IdleTimeout);
            var clock = Stopwatch.StartNew();
            int read;
            using (wait.Token.Register(state => ((Stream)state!).Dispose(), _inner))
            {
                try
                {
                    read = await _inner.ReadAsync(buffer, offset, count, wait.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (wait.IsCancellationRequested && !(ex is ResponseBodyException))
                {
                    if (cancellationToken.IsCancellationRequested) throw new OperationCanceledException(cancellationToken);
                    if (_call.IsCancellationRequested) throw new OperationCanceledException(_call);
                    throw budgetBinds ? DeadlinePassed() : Stalled();
                }
                catch (IOException ex) when (!(ex is ResponseBodyException))
                {
                    throw CutOff(ex);
                }
                catch (ObjectDisposedException ex)
                {
                    throw CutOff(ex);
                }
                catch (InvalidDataException ex)
                {
                    // The decompressor (gzip, deflate) found bytes that are not what Content-Encoding says.
                    throw new ResponseDecodeException($"the body is not valid compressed data ({ex.Message.TrimEnd('.')})", ex);
                }
            }
            _budget -= clock.Elapsed;
            if (wait.IsCancellationRequested)
            {
                // The read finished just as the timer fired and the stream may already be disposed.
                if (cancellationToken.IsCancellationRequested || _call.IsCancellationRequested) throw new OperationCanceledException();
                throw budgetBinds ? DeadlinePassed() : Stalled();
            }
            _read += read;
            if (_read > _limits.MaxBodyBytes)
                throw new ResponseTooLargeException($"the body is larger than the {Size(_limits.MaxBodyBytes)} " +
                                                    "this module accepts for one response (after decompression)");
            if (read == 0 && _declaredLength.HasValue && _read < _declaredLength.Value)
                throw new ResponseCutOffException($"the body ended after {_read:N0} of the {_declaredLength.Value:N0} bytes its Content-Length declares",
                    null, lengthMismatch: true);
            return read;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        private ResponseTimeoutException Stalled() =>
            new ResponseTimeoutException($"the body stalled: no data for {ResponseGuardHandler.Seconds(_limits.IdleTimeout)} after {_read:N0} bytes",
                headersPhase: false, stalled: true);

        private ResponseTimeoutException DeadlinePassed() =>
            new ResponseTimeoutException($"the response was not complete within {ResponseGuardHandler.Seconds(_limits.Timeout)} ({_read:N0} bytes so far)",
                headersPhase: false);

        private ResponseCutOffException CutOff(Exception inner)
        {
            var declared = _declaredLength.HasValue ? $" of the {_declaredLength.Value:N0} its Content-Length declares" : "";
            return new ResponseCutOffException($"the connection broke off after {_read:N0} bytes of the body{declared} ({inner.Message})", inner,
                lengthMismatch: _declaredLength.HasValue && _read < _declaredLength.Value);
        }

        internal static string Size(long bytes) =>
            bytes >= 1L << 30 ? $"{bytes / (double)(1L << 30):0.#} GiB" : bytes >= 1L << 20 ? $"{bytes / (double)(1L << 20):0.#} MiB" : $"{bytes:N0} bytes";

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>A body that could not be read to its end; an IOException so stream consumers treat it as one.</summary>
    internal abstract class ResponseBodyException : IOException
    {
        protected ResponseBodyException(string message, Exception? inner) : base(message, inner) { }
    }

    /// <summary>The server took too long: before the headers, between body bytes, or for the whole body.</summary>
    internal sealed class ResponseTimeoutException : ResponseBodyException
    {
        public ResponseTimeoutException(string message, bool headersPhase, bool stalled = false) : base(message, null)
        {
            HeadersPhase = headersPhase;
            Stalled = stalled;
        }

        public bool HeadersPhase { get; }

        /// <summary>The body stopped in the middle (no bytes for the idle timeout), rather than running out of time as a whole.</summary>
        public bool Stalled { get; }
    }

    /// <summary>The body grew past the cap (a gzip bomb, or a body that never ends).</summary>
    internal sealed class ResponseTooLargeException : ResponseBodyException
    {
        public ResponseTooLargeException(string message) : base(message, null) { }
    }

    /// <summary>The body's bytes are not what its Content-Encoding says (broken gzip or deflate).</summary>
    internal sealed class ResponseDecodeException : ResponseBodyException
    {
        public ResponseDecodeException(string message, Exception inner) : base(message, inner) { }
    }

    /// <summary>The body ended early: the connection broke, or fewer bytes came than Content-Length said.</summary>
    internal sealed class ResponseCutOffException : ResponseBodyException
    {
        public ResponseCutOffException(string message, Exception? inner, bool lengthMismatch) : base(message, inner) => LengthMismatch = lengthMismatch;

        public bool LengthMismatch { get; }
    }
}
