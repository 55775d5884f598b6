using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Http;
using Igtimi.Client.Json;
using Igtimi.Client.Models;

namespace Igtimi.Client
{
    /// <summary>The read endpoints of the Igtimi API v1, as typed calls on a connection.</summary>
    public static class IgtimiResourcesApi
    {
        public static Task<IReadOnlyList<IgtimiUser>> GetUsersAsync(this IgtimiConnection connection, CancellationToken cancellationToken) =>
            ListAsync<IgtimiUser>(connection, new IgtimiRequest(HttpMethod.Get, "users"), "users", "user", cancellationToken);

        public static Task<IgtimiUser> GetUserAsync(this IgtimiConnection connection, long id, CancellationToken cancellationToken) =>
            SingleAsync<IgtimiUser>(connection, new IgtimiRequest(HttpMethod.Get, "users/" + Id(id)), "user", cancellationToken);

        public static Task<IReadOnlyList<IgtimiGroup>> GetGroupsAsync(this IgtimiConnection connection, CancellationToken cancellationToken) =>
            ListAsync<IgtimiGroup>(connection, new IgtimiRequest(HttpMethod.Get, "groups"), "groups", "group", cancellationToken);

        public static Task<IgtimiGroup> GetGroupAsync(this IgtimiConnection connection, long id, CancellationToken cancellationToken) =>
            SingleAsync<IgtimiGroup>(connection, new IgtimiRequest(HttpMethod.Get, "groups/" + Id(id)), "group", cancellationToken);

        /// <summary>Devices the user may see; a serial filter goes as POST + <c>_method=GET</c>, as the real clients sent it.</summary>
        public static Task<IReadOnlyList<IgtimiDevice>> GetDevicesAsync(this IgtimiConnection connection, IReadOnlyCollection<string>? serialNumbers, CancellationToken cancellationToken)
        {
            var request = new IgtimiRequest(HttpMethod.Get, "devices");
            if (serialNumbers != null && serialNumbers.Count > 0)
            {
                if (serialNumbers.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException("A serial number is empty.");
                request.ForceMethodOverride = true;
                request.AddQuery("serial_numbers", serialNumbers.Select(s => s.Trim()).ToArray());
            }
            return ListAsync<IgtimiDevice>(connection, request, "devices", "device", cancellationToken);
        }

        public static Task<IReadOnlyList<IgtimiSession>> GetSessionsAsync(this IgtimiConnection connection, IgtimiSessionFilter filter, CancellationToken cancellationToken)
        {
            filter.Validate();
            var request = new IgtimiRequest(HttpMethod.Get, "sessions");
            if (filter.Ids.Count > 0) request.AddQuery("ids", filter.Ids.ToArray());
            if (filter.Public.HasValue) request.AddQuery("public", filter.Public.Value);
            if (filter.Limit.HasValue) request.AddQuery("limit", filter.Limit.Value);
            request.AddQuery("include_incomplete", filter.IncludeIncomplete);
            return ListAsync<IgtimiSession>(connection, request, "sessions", "session", cancellationToken);
        }

        public static Task<IgtimiSession> GetSessionAsync(this IgtimiConnection connection, long id, CancellationToken cancellationToken) =>
            SingleAsync<IgtimiSession>(connection, new IgtimiRequest(HttpMethod.Get, "sessions/" + Id(id)), "session", cancellationToken);

        /// <summary>The session's log (XML on igtimi.com) as typed entries.</summary>
        public static async Task<IReadOnlyList<IgtimiSessionLogEntry>> GetSessionLogAsync(this IgtimiConnection connection, long sessionId, CancellationToken cancellationToken)
        {
            var request = new IgtimiRequest(HttpMethod.Get, $"sessions/{Id(sessionId)}/logs") { Accept = "application/xml, text/xml" };
            using var response = await connection.Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.ReadAsBytesAsync(cancellationToken).ConfigureAwait(false);
            if (response.ContentType != null && response.ContentType.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0)
                throw response.Invalid("the session log is XML, not an HTML page", body);
            try
            {
                return SessionLogReader.Read(new System.IO.MemoryStream(body, writable: false), sessionId);
            }
            catch (System.Xml.XmlException ex)
            {
                throw response.Invalid($"the log of session {sessionId} is not valid XML ({ex.Message})", body, inner: ex);
            }
            catch (System.IO.InvalidDataException ex)
            {
                throw response.Invalid(ex.Message, body, inner: ex);
            }
        }

        public static Task<IReadOnlyList<IgtimiResource>> GetResourcesAsync(this IgtimiConnection connection, IgtimiResourceFilter filter, CancellationToken cancellationToken)
        {
            filter.Validate();
            var request = new IgtimiRequest(HttpMethod.Get, "resources");
            AddWindow(request, filter, "permission");
            if (filter.StreamIds.Count > 0) request.AddQuery("stream_ids", filter.StreamIds.ToArray());
            return ListAsync<IgtimiResource>(connection, request, "resources", "resource", cancellationToken);
        }

        public static Task<IReadOnlyList<IgtimiDataAccessWindow>> GetDataAccessWindowsAsync(this IgtimiConnection connection, IgtimiTimeWindowFilter filter, CancellationToken cancellationToken)
        {
            filter.Validate();
            var request = new IgtimiRequest(HttpMethod.Get, "devices/data_access_windows");
            AddWindow(request, filter, "type");
            return ListAsync<IgtimiDataAccessWindow>(connection, request, "data_access_windows", "data_access_window", cancellationToken);
        }

        /// <summary>The server's WebSocket servers, in the order to try them. On igtimi.com the lister sits at the site root.</summary>
        public static async Task<IReadOnlyList<Uri>> GetLiveServersAsync(this IgtimiConnection connection, CancellationToken cancellationToken)
        {
            var request = new IgtimiRequest(HttpMethod.Get, "server_listers/web_sockets", IgtimiEndpointRoot.Site) { Authenticated = false };
            using var response = await connection.Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            using var document = await ApiJson.ParseAsync(response, cancellationToken).ConfigureAwait(false);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("web_socket_servers", out var list) || list.ValueKind != JsonValueKind.Array)
                throw response.Invalid("there is no 'web_socket_servers' array", System.Text.Encoding.UTF8.GetBytes(document.RootElement.GetRawText()));
            var servers = new List<Uri>();
            foreach (var item in list.EnumerateArray())
            {
                var text = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                if (text != null && Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == "ws" || uri.Scheme == "wss")) servers.Add(uri);
                else IgtimiTrace.Warning($"The server lister named {(text is null ? item.ValueKind.ToString().ToLowerInvariant() : $"'{SafeText.Excerpt(text, 120)}'")}, which is not a ws:// or wss:// address; it was skipped.");
            }
            return servers;
        }

        /// <summary>
        /// The data types the server lists (<c>data_types</c>), merged with the built-in catalogue: the
        /// server's names and components where it gives them, the catalogue's otherwise.
        /// </summary>
        public static async Task<IReadOnlyList<IgtimiDataType>> GetServerDataTypesAsync(this IgtimiConnection connection, CancellationToken cancellationToken)
        {
            using var response = await connection.Http.SendAsync(new IgtimiRequest(HttpMethod.Get, "data_types"), cancellationToken).ConfigureAwait(false);
            using var document = await ApiJson.ParseAsync(response, cancellationToken).ConfigureAwait(false);
            try
            {
                var root = document.RootElement;
                var list = root.ValueKind == JsonValueKind.Array ? root
                    : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data_types", out var inner) && inner.ValueKind == JsonValueKind.Array ? inner
                    : throw new JsonException("there is no 'data_types' array");
                var types = new List<IgtimiDataType>();
                foreach (var element in list.EnumerateArray())
                {
                    var item = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("data_type", out var wrapped) ? wrapped : element;
                    types.Add(MergeWithCatalog(item));
                }
                return types;
            }
            catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException || ex is FormatException || ex is KeyNotFoundException)
            {
                throw response.Invalid($"the data type list is not in a shape this module reads ({SafeText.Excerpt(ex.Message, 200)})",
                    System.Text.Encoding.UTF8.GetBytes(document.RootElement.GetRawText()), inner: ex);
            }
        }

        private static IgtimiDataType MergeWithCatalog(JsonElement item)
        {
            if (item.ValueKind != JsonValueKind.Object) throw new JsonException($"a data type is {item.ValueKind.ToString().ToLowerInvariant()}, not an object");
            var code = item.TryGetProperty("id", out var id) ? id.GetInt32()
                : item.TryGetProperty("code", out var c) ? c.GetInt32()
                : throw new JsonException("a data type has neither 'id' nor 'code'");
            if (code <= 0) throw new JsonException($"the data type code {code} is not positive");
            var known = IgtimiDataTypeCatalog.Get(code);
            var name = item.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : known.Name;
            var components = known.Components;
            if (item.TryGetProperty("components", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                components = list.EnumerateArray().Select((component, i) => new IgtimiDataComponent(
                    component.TryGetProperty("index", out var index) ? index.GetInt32() : i + 1,
                    component.TryGetProperty("name", out var cn) ? cn.GetString() ?? "" : "",
                    component.TryGetProperty("unit", out var unit) && unit.ValueKind == JsonValueKind.String ? unit.GetString() : null)).ToList();
            }
            return new IgtimiDataType(code, name, known.Description, components, known.IsKnown, known.Era);
        }

        private static void AddWindow(IgtimiRequest request, IgtimiTimeWindowFilter filter, string permissionName)
        {
            if (filter.Permission.HasValue) request.AddQuery(permissionName, filter.Permission.Value);
            if (filter.Start.HasValue) request.AddQuery("start_time", filter.Start.Value);
            if (filter.End.HasValue) request.AddQuery("end_time", filter.End.Value);
            if (filter.SerialNumbers.Count > 0) request.AddQuery("serial_numbers", filter.SerialNumbers.Select(s => s.Trim()).ToArray());
        }

        private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

        private static async Task<IReadOnlyList<T>> ListAsync<T>(IgtimiConnection connection, IgtimiRequest request, string listMember, string itemMember, CancellationToken cancellationToken)
        {
            using var response = await connection.Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return await ApiJson.ReadListAsync<T>(response, listMember, itemMember, cancellationToken).ConfigureAwait(false);
        }

        private static async Task<T> SingleAsync<T>(IgtimiConnection connection, IgtimiRequest request, string member, CancellationToken cancellationToken)
        {
            using var response = await connection.Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return await ApiJson.ReadSingleAsync<T>(response, member, cancellationToken).ConfigureAwait(false);
        }
    }
}
