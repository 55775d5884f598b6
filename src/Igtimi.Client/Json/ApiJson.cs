using System;
using System.Collections.Generic;
using System.IO;
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

        public static async Task<IReadOnlyList<T>> ReadListAsync<T>(IgtimiResponse response, string listMember, string itemMember, CancellationToken cancellationToken)
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

        private static async Task<JsonDocument> ParseAsync(IgtimiResponse response, CancellationToken cancellationToken)
        {
            using var stream = await response.ReadAsStreamAsync().ConfigureAwait(false);
            try
            {
                return await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                throw new IgtimiApiException($"The response of {response.RequestUri} is not valid JSON: {ex.Message}", response.StatusCode, null, null, null, response.RequestUri);
            }
        }

        private static T Deserialize<T>(JsonElement element, IgtimiResponse response)
        {
            try
            {
                return element.Deserialize<T>(Options) ?? throw Unexpected(response, "an object");
            }
            catch (JsonException ex)
            {
                throw new IgtimiApiException($"The response of {response.RequestUri} has an unexpected shape: {ex.Message}", response.StatusCode, null, null, null, response.RequestUri);
            }
        }

        private static IgtimiApiException Unexpected(IgtimiResponse response, string expected) =>
            new IgtimiApiException($"The response of {response.RequestUri} is not {expected}.", response.StatusCode, null, null, null, response.RequestUri);
    }
}
