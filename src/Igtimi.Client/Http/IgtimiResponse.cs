using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Igtimi.Client.Http
{
    /// <summary>A successful response whose body has not been read yet. Dispose it when done.</summary>
    public sealed class IgtimiResponse : IDisposable
    {
        private readonly HttpResponseMessage _message;

        internal IgtimiResponse(HttpResponseMessage message, string redactedUri)
        {
            _message = message;
            RequestUri = redactedUri;
        }

        public HttpStatusCode StatusCode => _message.StatusCode;

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

        public bool IsJson => ContentType != null && (ContentType.EndsWith("/json", StringComparison.OrdinalIgnoreCase) || ContentType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

        public async Task<Stream> ReadAsStreamAsync()
        {
            if (_message.Content is null) return Stream.Null;
            return await _message.Content.ReadAsStreamAsync().ConfigureAwait(false);
        }

        public async Task<byte[]> ReadAsBytesAsync(CancellationToken cancellationToken)
        {
            using var stream = await ReadAsStreamAsync().ConfigureAwait(false);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, 81920, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }

        public async Task<string> ReadAsStringAsync(CancellationToken cancellationToken)
        {
            var bytes = await ReadAsBytesAsync(cancellationToken).ConfigureAwait(false);
            var charset = _message.Content?.Headers.ContentType?.CharSet;
            Encoding encoding;
            try { encoding = string.IsNullOrEmpty(charset) ? Encoding.UTF8 : Encoding.GetEncoding(charset!.Trim('"')); }
            catch (ArgumentException) { encoding = Encoding.UTF8; }
            return encoding.GetString(bytes);
        }

        public async Task CopyToAsync(Stream destination, CancellationToken cancellationToken)
        {
            using var stream = await ReadAsStreamAsync().ConfigureAwait(false);
            await stream.CopyToAsync(destination, 81920, cancellationToken).ConfigureAwait(false);
        }

        public void Dispose() => _message.Dispose();
    }
}
