using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Api;
using Igtimi.Client.Http;
using Igtimi.Client.Json;
using Igtimi.Client.Models;

namespace Igtimi.Client.Dialects.Sap
{
    /// <summary>
    /// SAP's device and window writes (docs/design/sap-dialect.md sections 4.2–4.6 and 7): JSON bodies, id-keyed deletes, 200 with an
    /// empty body for devices, the new window unwrapped. Nothing can be undone and ids are reused, so every write re-reads.
    /// </summary>
    internal sealed partial class SapDialect
    {
        /// <summary>
        /// <c>POST devices</c> with <c>{"id","serial_number","name"}</c>. The server uses the id sent as it is; without one the next
        /// free id among the devices the caller can see is taken (as WindBots get max + 1). The reply is empty: the device is read back.
        /// </summary>
        public async Task<IgtimiDevice> RegisterDeviceAsync(string serialNumber, string? serviceTag, string? name, long? deviceId,
            CancellationToken cancellationToken)
        {
            if (!string.IsNullOrEmpty(serviceTag))
                IgtimiTrace.Warning("SAP's server takes no service tag when registering a device; -ServiceTag is not sent.");
            var id = deviceId ?? (await GetDevicesAsync(IgtimiSerialNumbers.None, cancellationToken).ConfigureAwait(false))
                .Select(d => d.Id ?? 0).DefaultIfEmpty(0).Max() + 1;
            var body = new Dictionary<string, object?> { ["id"] = id, ["serial_number"] = serialNumber, ["name"] = name };
            using (await _http.SendAsync(JsonWrite(HttpMethod.Post, "devices", body), cancellationToken).ConfigureAwait(false))
            {
            }
            var listed = await GetDevicesAsync(IgtimiSerialNumbers.From(new[] { serialNumber }), cancellationToken).ConfigureAwait(false);
            return listed.FirstOrDefault(d => d.Id == id) ?? listed.FirstOrDefault() ??
                   throw IgtimiApiException.Of(IgtimiErrorKind.InvalidResponse,
                       $"SAP's server at {_http.SiteUri} accepted device {serialNumber} (id {id}) but does not list it afterwards.", "POST",
                       new Uri(_http.ApiUri, "devices").AbsoluteUri);
        }

        /// <summary><c>DELETE devices/{id}</c>; the id is looked up by serial when not given.</summary>
        public async Task UnregisterDeviceAsync(string serialNumber, long? deviceId, CancellationToken cancellationToken)
        {
            var id = deviceId;
            if (id is null)
            {
                var listed = await GetDevicesAsync(IgtimiSerialNumbers.From(new[] { serialNumber }), cancellationToken).ConfigureAwait(false);
                id = listed.FirstOrDefault()?.Id ?? throw IgtimiApiException.Of(IgtimiErrorKind.HttpStatus,
                    $"SAP's server at {_http.SiteUri} lists no device {serialNumber} for this user, so there is nothing to unregister.", "GET",
                    new Uri(_http.ApiUri, "devices").AbsoluteUri, System.Net.HttpStatusCode.NotFound);
            }
            using (await _http.SendAsync(new IgtimiRequest(HttpMethod.Delete, "devices/" + id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))
                       { IsWrite = true }, cancellationToken).ConfigureAwait(false))
            {
            }
        }

        public Task RenameDeviceAsync(string serialNumber, string name, CancellationToken cancellationToken) =>
            throw NotOffered("renaming a device", "It only creates (POST devices) and deletes (DELETE devices/{id}) devices.");

        /// <summary>
        /// <c>POST data_access_windows</c> with <c>{"id":0,"start_time","end_time","device_serial_number"}</c>; the reply is the new window.
        /// The body has no recipient: who else may read the window is set in SAP's own user administration, not through this API.
        /// </summary>
        public async Task<IgtimiDataAccessWindow?> GrantDeviceAccessAsync(IgtimiAccessGrant grant, CancellationToken cancellationToken)
        {
            if (grant.UserId.HasValue)
                throw NotOffered("sharing a window with a user",
                    "A window it creates has no recipient (its body has only the device and the times); give the user READ on the window in SAP's " +
                    "user administration, or create the window without -UserId.");
            if (grant.Modify)
                IgtimiTrace.Warning("SAP's server keeps no read or modify rights on data access windows; -Modify is not sent.");
            var body = new Dictionary<string, object?>
            {
                ["id"] = 0,
                ["start_time"] = UnixTime.ToMilliseconds(grant.Start),
                ["end_time"] = UnixTime.ToMilliseconds(grant.End),
                ["device_serial_number"] = grant.SerialNumber,
            };
            using var response = await _http.SendAsync(JsonWrite(HttpMethod.Post, "data_access_windows", body), cancellationToken).ConfigureAwait(false);
            using var document = await ApiJson.ParseAsync(response, cancellationToken).ConfigureAwait(false);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data_access_window", out var wrapped)) root = wrapped;
            IgtimiDataAccessWindow? window;
            try
            {
                window = root.ValueKind == JsonValueKind.Object ? root.Deserialize<IgtimiDataAccessWindow>(ApiJson.Options) : null;
            }
            catch (JsonException ex)
            {
                throw response.Invalid($"the new window has an unexpected shape ({ex.Message})", System.Text.Encoding.UTF8.GetBytes(root.GetRawText()),
                    inner: ex);
            }
            if (window?.Id is null)
                throw response.Invalid("the answer is not the new window with its id", System.Text.Encoding.UTF8.GetBytes(root.GetRawText()));
            return window;
        }

        /// <summary><c>DELETE data_access_windows/{id}</c>: 200 even for an unknown id, so the cmdlet checks the id first.</summary>
        public async Task RevokeDeviceAccessAsync(long windowId, CancellationToken cancellationToken)
        {
            var windows = await GetDataAccessWindowsAsync(new IgtimiTimeWindowFilter(), cancellationToken).ConfigureAwait(false);
            if (!windows.Any(w => w.Id == windowId))
                throw IgtimiApiException.Of(IgtimiErrorKind.HttpStatus,
                    $"SAP's server at {_http.SiteUri} lists no data access window {windowId} for this user, so there is nothing to revoke " +
                    "(it would answer 200 to the delete all the same).", "GET", new Uri(_http.ApiUri, "data_access_windows").AbsoluteUri,
                    System.Net.HttpStatusCode.NotFound);
            using (await _http.SendAsync(new IgtimiRequest(HttpMethod.Delete,
                       "data_access_windows/" + windowId.ToString(System.Globalization.CultureInfo.InvariantCulture)) { IsWrite = true }, cancellationToken)
                       .ConfigureAwait(false))
            {
            }
        }

        public Task<(long ResourceId, string? Md5, string? Source)> UploadFileAsync(long resourceId, string fileName, byte[] content, string contentType,
            DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken) =>
            throw NotOffered("file uploads (resource_data/upload)");

        private static IgtimiRequest JsonWrite(HttpMethod method, string path, object body) =>
            new IgtimiRequest(method, path) { Body = IgtimiRequestBody.FromText(JsonBody.Serialize(body), "application/json"), IsWrite = true };
    }
}
