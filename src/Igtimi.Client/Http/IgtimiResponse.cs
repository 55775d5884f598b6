using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Igtimi.Client.Http
{
    /// <summary>
    /// A successful response whose body has not been read yet. Dispose it when done. Its body reads
    /// are guarded (deadline, idle timeout, size cap); what goes wrong while reading becomes an
    /// <see cref="IgtimiApiException"/> through <see cref="Failure"/>.
    /// </summary>
    public sealed class IgtimiResponse : IDisposable
    {
        private const int ExcerptBytes = 256;
        private readonly HttpResponseMessage _message;
        private readonly long _maxBufferedBytes;

        internal IgtimiResponse(HttpResponseMessage message, string method, string redactedUri,
            long maxBufferedBytes = IgtimiClientOptions.DefaultMaxBufferedBodyBytes)
        {
            _message = message;
            Method = method;
            RequestUri = redactedUri;
            _maxBufferedBytes = maxBufferedBytes;
        }

        public HttpStatusCode StatusCode => _message.StatusCode;

        public string Method { get; }

        /// <summary>The request URI with secrets removed.</summary>
        public string RequestUri { get; }

        public string? ContentType => _message.Content?.Headers.ContentType?.MediaType;

        /// <summary>Response and content headers together, by name (case-insensitive).</summary>
        public IDictionary<string, string[]> Headers
        {
            get
            {
                var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
                foreach (var header in _message.Headers) headers[header.Key] = header.Value.ToArray();
                if (_message.Content != null)
                    foreach (var header in _message.Content.Headers) headers[header.Key] = header.Value.ToArray();
                return headers;
            }
        }

        /// <summary>True for a 204, or a body declared empty.</summary>
        public bool HasNoContent => StatusCode == HttpStatusCode.NoContent || _message.Content is null || _message.Content.Headers.ContentLength == 0;

        public async Task<Stream> ReadAsStreamAsync()
        {
            if (_message.Content is null) return Stream.Null;
            return await _message.Content.ReadAsStreamAsync().ConfigureAwait(false);
        }

        /// <summary>The whole body, at most the connection's buffered limit. Failures are the module's exception.</summary>
        public async Task<byte[]> ReadAsBytesAsync(CancellationToken cancellationToken)
        {
            try
            {
                using var stream = await ReadAsStreamAsync().ConfigureAwait(false);
                using var buffer = new MemoryStream();
                var chunk = new byte[81920];
                int read;
                while ((read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > _maxBufferedBytes)
                        throw new ResponseTooLargeException($"the body is larger than the {GuardedStream.Size(_maxBufferedBytes)} " +
                                                            "this module reads into memory");
                    buffer.Write(chunk, 0, read);
                }
                return buffer.ToArray();
            }
            catch (Exception ex) when (IsReadFailure(ex, cancellationToken))
            {
                throw Failure(ex);
            }
        }

        /// <summary>Streams the body into <paramref name="destination"/>. Failures are the module's exception.</summary>
        public async Task CopyToAsync(Stream destination, CancellationToken cancellationToken)
        {
            Stream stream;
            try
            {
                stream = await ReadAsStreamAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (IsReadFailure(ex, cancellationToken))
            {
                throw Failure(ex);
            }
            using (stream)
            {
                var chunk = new byte[81920];
                while (true)
                {
                    int read;
                    try
                    {
                        read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (IsReadFailure(ex, cancellationToken))
                    {
                        throw Failure(ex);
                    }
                    if (read == 0) return;
                    await destination.WriteAsync(chunk, 0, read, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        internal static bool IsReadFailure(Exception ex, CancellationToken cancellationToken) =>
            !cancellationToken.IsCancellationRequested && (ex is IOException || ex is HttpRequestException || ex is ObjectDisposedException);

        /// <summary>A failure while reading this response's body, as the module's exception.</summary>
        public IgtimiApiException Failure(Exception ex) => ex as IgtimiApiException ?? TransportFailure.From(ex, Method, RequestUri, null);

        /// <summary>
        /// An answer that is not what the API sends: names the endpoint, the status, the content type
        /// and a short, safe excerpt of what came back.
        /// </summary>
        public IgtimiApiException Invalid(string problem, byte[]? body = null, int bodyLength = -1, Exception? inner = null) =>
            InvalidResponse(Method, RequestUri, StatusCode, _message.Content?.Headers.ContentType?.ToString(), problem,
                body is null ? null : SafeText.Excerpt(body, bodyLength < 0 ? Math.Min(body.Length, ExcerptBytes) : Math.Min(bodyLength, ExcerptBytes)), inner);

        internal static IgtimiApiException InvalidResponse(string method, string redactedUri, HttpStatusCode? status, string? contentType,
            string problem, string? excerpt, Exception? inner = null)
        {
            var statusText = status.HasValue ? $"{(int)status.Value} {IgtimiHttp.StatusText(status.Value)}" : "no status";
            var message = $"{method} {redactedUri} answered {statusText} " +
                          $"({(string.IsNullOrEmpty(contentType) ? "no content type" : SafeText.Excerpt(contentType, 60))}) " +
                          $"that this module cannot use: {problem.TrimEnd('.')}.";
            if (!string.IsNullOrEmpty(excerpt)) message += $" The body begins: {Redactor.Redact(excerpt)}";
            return new IgtimiApiException(message, status, null, null, method, redactedUri, Redactor.Redact(excerpt), innerException: inner,
                kind: IgtimiErrorKind.InvalidResponse);
        }

        /// <summary>A 2xx answer in the API's error shape (<c>{"error", "reason"}</c>), with both kept.</summary>
        public IgtimiApiException ApiError(string? error, string? description) =>
            new IgtimiApiException($"{Method} {RequestUri} answered {(int)StatusCode} with the API's error instead of data: {error}" +
                                   (description is null ? "." : $" ({description})."),
                StatusCode, error, description, Method, RequestUri, kind: IgtimiErrorKind.ApiError);

        /// <summary>The first bytes of the body, for an excerpt in an error.</summary>
        public async Task<byte[]> ReadHeadAsync(CancellationToken cancellationToken)
        {
            using var stream = await ReadAsStreamAsync().ConfigureAwait(false);
            var head = new byte[ExcerptBytes];
            var length = 0;
            int read;
            try
            {
                while (length < head.Length && (read = await stream.ReadAsync(head, length, head.Length - length, cancellationToken).ConfigureAwait(false)) > 0)
                    length += read;
            }
            catch (Exception ex) when (IsReadFailure(ex, cancellationToken))
            {
                // An excerpt is a courtesy: what came before the failure is enough.
            }
            Array.Resize(ref head, length);
            return head;
        }

        /// <summary>True when the content type says HTML or XML where the API sends JSON.</summary>
        public bool IsMarkup()
        {
            var type = ContentType;
            return type != null && (type.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0 ||
                                    type.EndsWith("/xml", StringComparison.OrdinalIgnoreCase) ||
                                    type.EndsWith("+xml", StringComparison.OrdinalIgnoreCase));
        }

        public void Dispose() => _message.Dispose();
    }
}
