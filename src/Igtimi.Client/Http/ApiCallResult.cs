using System;
using System.Collections.Generic;
using System.Net;
using System.Text;

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
            ContentType != null && (ContentType.EndsWith("/" + subtype, StringComparison.OrdinalIgnoreCase) ||
                                    ContentType.EndsWith("+" + subtype, StringComparison.OrdinalIgnoreCase));

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

        /// <summary>The body as a plain JSON value tree (see <see cref="Json.JsonTree"/>); not JSON is an invalid-response error.</summary>
        public object? ReadJsonTree()
        {
            try
            {
                return Json.JsonTree.Parse(Text);
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw IgtimiResponse.InvalidResponse("", RequestUri, StatusCode, ContentType, $"the body is not valid JSON ({ex.Message})",
                    SafeText.Excerpt(Body, Body.Length));
            }
        }

        /// <summary>The body as an XML document (no DTDs, no external entities); not XML is an invalid-response error.</summary>
        public System.Xml.XmlDocument ReadXml()
        {
            var document = new System.Xml.XmlDocument { XmlResolver = null };
            try
            {
                var settings = new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, XmlResolver = null };
                using var reader = System.Xml.XmlReader.Create(new System.IO.StringReader(Text), settings);
                document.Load(reader);
                return document;
            }
            catch (System.Xml.XmlException ex)
            {
                throw IgtimiResponse.InvalidResponse("", RequestUri, StatusCode, ContentType, $"the body is not valid XML ({ex.Message})",
                    SafeText.Excerpt(Body, Body.Length));
            }
        }
    }
}
