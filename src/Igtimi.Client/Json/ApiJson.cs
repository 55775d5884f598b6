using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Http;

namespace Igtimi.Client.Json
{
    /// <summary>Reads igtimi.com's wrapped shapes: <c>{"user":{…}}</c> and <c>{"users":[{"user":{…}}]}</c>.</summary>
    public static class ApiJson
    {
        public static readonly JsonSerializerOptions Options = new JsonSerializerOptions
        {
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString,
            PropertyNameCaseInsensitive = false,
        };

        public static async Task<T> ReadSingleAsync<T>(IgtimiResponse response, string member, CancellationToken cancellationToken)
        {
            using var document = await ParseAsync(response, cancellationToken).ConfigureAwait(false);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(member, out var inner))
                return Deserialize<T>(inner, response);
            throw Unexpected(response, $"an object with a '{member}' member");
        }

        public static async Task<IReadOnlyList<T>> ReadListAsync<T>(IgtimiResponse response, string listMember, string itemMember,
            CancellationToken cancellationToken)
        {
            using var document = await ParseAsync(response, cancellationToken).ConfigureAwait(false);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(listMember, out var list) || list.ValueKind != JsonValueKind.Array)
                throw Unexpected(response, $"an object with a '{listMember}' array");
            var items = new List<T>(list.GetArrayLength());
            foreach (var element in list.EnumerateArray())
            {
                // igtimi.com wraps each item; SAP's server does not.
                var item = element.ValueKind == JsonValueKind.Object && element.TryGetProperty(itemMember, out var wrapped) ? wrapped : element;
                items.Add(Deserialize<T>(item, response));
            }
            return items;
        }

        /// <summary>
        /// <c>{"web_socket_servers":[…]}</c>: the ws:// and wss:// addresses in order; anything else in
        /// the list is skipped with a warning.
        /// </summary>
        internal static IReadOnlyList<Uri> ReadServerList(IgtimiResponse response, JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("web_socket_servers", out var list) || list.ValueKind != JsonValueKind.Array)
                throw response.Invalid("there is no 'web_socket_servers' array", Encoding.UTF8.GetBytes(root.GetRawText()));
            var servers = new List<Uri>();
            foreach (var item in list.EnumerateArray())
            {
                var text = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                if (text != null && Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == "ws" || uri.Scheme == "wss")) servers.Add(uri);
                else IgtimiTrace.Warning("The server lister named " +
                                         $"{(text is null ? item.ValueKind.ToString().ToLowerInvariant() : $"'{SafeText.Excerpt(text, 120)}'")}, " +
                                         "which is not a ws:// or wss:// address; it was skipped.");
            }
            return servers;
        }

        /// <summary>
        /// Reads the body and parses it as JSON. HTML or XML where JSON belongs, an empty body,
        /// invalid JSON or invalid UTF-8 become an invalid-response error with an excerpt.
        /// </summary>
        internal static async Task<JsonDocument> ParseAsync(IgtimiResponse response, CancellationToken cancellationToken)
        {
            var body = await response.ReadAsBytesAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsMarkup()) throw response.Invalid("JSON was expected, not markup", body);
            if (body.Length == 0) throw response.Invalid("the body is empty where JSON was expected");
            try
            {
                return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
            }
            catch (JsonException ex)
            {
                throw response.Invalid($"the body is not valid JSON ({ex.Message})", body, inner: ex);
            }
        }

        private static T Deserialize<T>(JsonElement element, IgtimiResponse response)
        {
            try
            {
                return element.Deserialize<T>(Options) ?? throw Unexpected(response, "an object");
            }
            catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException || ex is FormatException || ex is ArgumentException)
            {
                throw response.Invalid($"an item has an unexpected shape ({ex.Message})", Encoding.UTF8.GetBytes(element.GetRawText()), inner: ex);
            }
        }

        private static IgtimiApiException Unexpected(IgtimiResponse response, string expected) =>
            response.Invalid($"the JSON is not {expected}");
    }
}
