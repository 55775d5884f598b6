using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;

namespace Igtimi.Client.Http
{
    /// <summary>Where a relative request path is resolved.</summary>
    public enum IgtimiEndpointRoot
    {
        /// <summary>The REST API root, <c>{base}/api/v1/</c>.</summary>
        Api,
        /// <summary>The site root, <c>{base}/</c> (OAuth, server listers).</summary>
        Site,
    }

    /// <summary>One API call, kept as data so that each retry builds a fresh HTTP message.</summary>
    public sealed class IgtimiRequest
    {
        public IgtimiRequest(HttpMethod method, string path, IgtimiEndpointRoot root = IgtimiEndpointRoot.Api)
        {
            Method = method ?? throw new ArgumentNullException(nameof(method));
            Path = ApiPath.Normalize(path ?? throw new ArgumentNullException(nameof(path)));
            Root = root;
        }

        public IgtimiRequest(HttpMethod method, Uri absoluteUri)
        {
            Method = method ?? throw new ArgumentNullException(nameof(method));
            if (absoluteUri is null || !absoluteUri.IsAbsoluteUri) throw new ArgumentException("The URI must be absolute.", nameof(absoluteUri));
            AbsoluteUri = absoluteUri;
            Path = "";
        }

        public HttpMethod Method { get; }
        public string Path { get; }
        public IgtimiEndpointRoot Root { get; }
        public Uri? AbsoluteUri { get; }

        /// <summary>Query parameters, already flattened (see <see cref="QueryEncoder"/>).</summary>
        public List<KeyValuePair<string, string>> Query { get; } = new List<KeyValuePair<string, string>>();

        public IgtimiRequestBody? Body { get; set; }

        public string Accept { get; set; } = "application/json";

        public bool Authenticated { get; set; } = true;

        /// <summary>An Authorization header of its own (SAP's Basic sign-in) instead of the connection's bearer token.</summary>
        public System.Net.Http.Headers.AuthenticationHeaderValue? Authorization { get; set; }

        /// <summary>Send a GET as <c>POST</c> with <c>_method=GET</c> even when the query is short (as real clients did for serial filters).</summary>
        public bool ForceMethodOverride { get; set; }

        /// <summary>The body is streamed (bulk data, a download to a file), so the larger size cap applies.</summary>
        public bool StreamedBody { get; set; }

        /// <summary>Overrides the retry decision; by default only idempotent requests are retried.</summary>
        public bool? Retry { get; set; }

        /// <summary>
        /// A call that changes data. It is retried only when the reply proves the server did nothing (a 429,
        /// or a 503 with Retry-After: see RetryPolicy.ProvesNothingHappened), never after another 5xx, a timeout
        /// or a broken connection, which may come after the change was made.
        /// </summary>
        public bool IsWrite { get; set; }

        public IgtimiRequest AddQuery(IEnumerable<KeyValuePair<string, string>> pairs)
        {
            Query.AddRange(pairs);
            return this;
        }

        public IgtimiRequest AddQuery(string name, object? value)
        {
            Query.AddRange(QueryEncoder.Flatten(new[] { new KeyValuePair<string, object?>(name, value) }));
            return this;
        }
    }

    /// <summary>A request body that can be written again for every attempt.</summary>
    public sealed class IgtimiRequestBody
    {
        private readonly byte[]? _bytes;
        private readonly IList<KeyValuePair<string, string>>? _form;
        private MultipartFile? _file;

        private IgtimiRequestBody(byte[]? bytes, IList<KeyValuePair<string, string>>? form, string contentType)
        {
            _bytes = bytes;
            _form = form;
            ContentType = contentType;
        }

        public string ContentType { get; }

        public IList<KeyValuePair<string, string>>? Form => _form;

        public static IgtimiRequestBody FromForm(IList<KeyValuePair<string, string>> pairs) =>
            new IgtimiRequestBody(null, pairs, FormContentType);

        public static IgtimiRequestBody FromText(string text, string contentType) =>
            new IgtimiRequestBody(new UTF8Encoding(false).GetBytes(text ?? ""), null, ValidContentType(contentType));

        /// <summary>
        /// <c>multipart/form-data</c>: the form fields, then one file part (its own Content-Type and file name),
        /// as Rails reads a <c>file</c> parameter (docs/design/igtimi-api-2013.md section 3.5).
        /// </summary>
        public static IgtimiRequestBody FromMultipart(IList<KeyValuePair<string, string>> fields, string fileField, string fileName, byte[] file,
            string fileContentType)
        {
            if (file is null) throw new ArgumentNullException(nameof(file));
            return new IgtimiRequestBody(null, fields ?? throw new ArgumentNullException(nameof(fields)), "multipart/form-data")
            {
                _file = new MultipartFile(fileField, fileName, file, ValidContentType(fileContentType)),
            };
        }

        /// <summary>The file part of a multipart body, or null.</summary>
        public string? FileName => _file?.Name;

        private sealed class MultipartFile
        {
            public MultipartFile(string field, string name, byte[] bytes, string contentType)
            {
                Field = field;
                Name = name;
                Bytes = bytes;
                ContentType = contentType;
            }

            public string Field { get; }
            public string Name { get; }
            public byte[] Bytes { get; }
            public string ContentType { get; }
        }

        public static IgtimiRequestBody FromBytes(byte[] bytes, string contentType) =>
            new IgtimiRequestBody(bytes ?? throw new ArgumentNullException(nameof(bytes)), null, ValidContentType(contentType));

        /// <summary>
        /// The body of a hand-made call (Invoke-IgtimiApi): bytes as they are; text with its content
        /// type, or JSON/plain text guessed from its first character; a map as form fields when
        /// <paramref name="preferForm"/> and the content type allow it; anything else (a plain tree of
        /// dictionaries, lists and scalars) as JSON.
        /// </summary>
        public static IgtimiRequestBody FromValue(object value, string? contentType, bool preferForm)
        {
            switch (value)
            {
                case byte[] bytes:
                    return FromBytes(bytes, contentType ?? "application/octet-stream");
                case string text:
                    return FromText(text, contentType ?? GuessTextType(text));
                case System.Collections.IDictionary map
                    when preferForm && (contentType is null || contentType.StartsWith(FormContentType, StringComparison.OrdinalIgnoreCase)):
                    return FromForm(QueryEncoder.Flatten(map));
                default:
                    return FromText(Json.JsonBody.Serialize(value), contentType ?? "application/json");
            }
        }

        private const string FormContentType = "application/x-www-form-urlencoded";

        private static string GuessTextType(string text)
        {
            var start = text.TrimStart();
            return start.StartsWith("{", StringComparison.Ordinal) || start.StartsWith("[", StringComparison.Ordinal)
                ? "application/json"
                : "text/plain; charset=utf-8";
        }

        /// <summary>A media type that can go into a header as it is: printable ASCII, no line breaks, parseable.</summary>
        public static string ValidContentType(string contentType)
        {
            if (string.IsNullOrWhiteSpace(contentType)) throw new ArgumentException("The content type is empty.");
            var trimmed = contentType.Trim();
            if (!SafeText.IsVisibleAscii(trimmed, allowSpace: true))
                throw new ArgumentException($"The content type '{SafeText.Excerpt(trimmed)}' holds a line break, a control or a non-ASCII character; " +
                                            "a header cannot carry it.");
            if (!System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(trimmed, out _))
                throw new ArgumentException($"The content type '{SafeText.Excerpt(trimmed)}' is not a media type such as 'application/json'.");
            return trimmed;
        }

        internal HttpContent CreateContent()
        {
            if (_file != null)
            {
                var multipart = new MultipartFormDataContent();
                foreach (var field in _form!) multipart.Add(new StringContent(field.Value, new UTF8Encoding(false)), field.Key);
                var part = new ByteArrayContent(_file.Bytes);
                part.Headers.TryAddWithoutValidation("Content-Type", _file.ContentType);
                multipart.Add(part, _file.Field, _file.Name);
                return multipart;
            }
            if (_form != null)
                return new StringContent(QueryEncoder.Encode(_form), Encoding.UTF8, "application/x-www-form-urlencoded");
            var content = new ByteArrayContent(_bytes!);
            content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            return content;
        }
    }
}
