using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Igtimi.Client.Http
{
    /// <summary>A finished call with its body in memory (or written to a file).</summary>
    public sealed class ApiCallResult
    {
        public ApiCallResult(HttpStatusCode statusCode, IDictionary<string, string[]> headers, string? contentType, byte[] body, string requestUri)
        {
            StatusCode = statusCode;
            Headers = headers;
            ContentType = contentType;
            Body = body;
            RequestUri = requestUri;
        }

        public HttpStatusCode StatusCode { get; }
        public IDictionary<string, string[]> Headers { get; }
        public string? ContentType { get; }
        public byte[] Body { get; }
        public string RequestUri { get; }

        public bool IsJson => MediaTypeIs("json") || (ContentType is null && LooksLikeJson());
        public bool IsXml => MediaTypeIs("xml");
        public bool IsText => IsJson || IsXml || (ContentType?.StartsWith("text/", StringComparison.OrdinalIgnoreCase) ?? false);

        private bool MediaTypeIs(string subtype) =>
            ContentType != null && (ContentType.EndsWith("/" + subtype, StringComparison.OrdinalIgnoreCase) || ContentType.EndsWith("+" + subtype, StringComparison.OrdinalIgnoreCase));

        private bool LooksLikeJson()
        {
            foreach (var b in Body)
            {
                if (b == ' ' || b == '\r' || b == '\n' || b == '\t' || b == 0xEF || b == 0xBB || b == 0xBF) continue;
                return b == '{' || b == '[';
            }
            return false;
        }

        public string Text => new UTF8Encoding(false).GetString(Body).TrimStart('\uFEFF');
    }

    public static class IgtimiHttpCalls
    {
        /// <summary>Sends the request and reads the whole body (at most the buffered size limit).</summary>
        public static async Task<ApiCallResult> InvokeAsync(this IgtimiHttp http, IgtimiRequest request, CancellationToken cancellationToken)
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.ReadAsBytesAsync(cancellationToken).ConfigureAwait(false);
            return new ApiCallResult(response.StatusCode, response.Headers, response.ContentType, body, response.RequestUri);
        }

        /// <summary>
        /// Sends the request and streams the body into a file; the file is only replaced when the
        /// download completed. A folder or a missing parent folder is refused before the request.
        /// </summary>
        public static async Task<ApiCallResult> InvokeToFileAsync(this IgtimiHttp http, IgtimiRequest request, string path, CancellationToken cancellationToken)
        {
            var full = Path.GetFullPath(path);
            if (Directory.Exists(full)) throw new IOException($"'{full}' is a folder; give the path of a file.");
            var folder = Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder)) throw new DirectoryNotFoundException($"The folder '{folder}' does not exist.");
            request.StreamedBody = true;
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            using (var file = Export.IgtimiExportFile.Create(full))
            {
                await response.CopyToAsync(file.Stream, cancellationToken).ConfigureAwait(false);
                file.Commit();
            }
            return new ApiCallResult(response.StatusCode, response.Headers, response.ContentType, Array.Empty<byte>(), response.RequestUri);
        }
    }
}
