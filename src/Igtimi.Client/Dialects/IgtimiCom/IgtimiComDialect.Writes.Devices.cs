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

namespace Igtimi.Client.Dialects.IgtimiCom
{
    /// <summary>
    /// The device, sharing and upload writes of igtimi.com (docs/design/igtimi-api-2013.md sections 3.5, 3.8, 3.9, 6.1):
    /// form bodies, serial-keyed paths, <c>{"success":true}</c> as the only proof. No call here is retried automatically.
    /// </summary>
    internal sealed partial class IgtimiComDialect
    {
        /// <summary><c>POST devices/register</c> (<c>serial_number</c>, <c>service_tag</c>: names inferred), then the name with a rename.</summary>
        public async Task<IgtimiDevice> RegisterDeviceAsync(string serialNumber, string? serviceTag, string? name, long? deviceId,
            CancellationToken cancellationToken)
        {
            var form = new List<KeyValuePair<string, string>> { new KeyValuePair<string, string>("serial_number", serialNumber) };
            if (!string.IsNullOrEmpty(serviceTag)) form.Add(new KeyValuePair<string, string>("service_tag", serviceTag!));
            var device = await SingleAsync<IgtimiDevice>(Write(HttpMethod.Post, "devices/register", form.ToArray()), "device", cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(name))
            {
                await RenameDeviceAsync(device.SerialNumber ?? serialNumber, name!, cancellationToken).ConfigureAwait(false);
                device.Name = name;
            }
            return device;
        }

        /// <summary><c>DELETE devices/:serial/unregister</c>.</summary>
        public async Task UnregisterDeviceAsync(string serialNumber, long? deviceId, CancellationToken cancellationToken)
        {
            using var response = await _http.SendAsync(Write(HttpMethod.Delete, $"devices/{Escape(serialNumber)}/unregister"), cancellationToken)
                .ConfigureAwait(false);
            await SuccessReply.ExpectAsync(response, $"unregistered {serialNumber}", cancellationToken).ConfigureAwait(false);
        }

        /// <summary><c>PUT devices/:serial</c> with <c>name</c>.</summary>
        public async Task RenameDeviceAsync(string serialNumber, string name, CancellationToken cancellationToken)
        {
            var form = new List<KeyValuePair<string, string>> { new KeyValuePair<string, string>("name", name) };
            using var response = await _http.SendAsync(Write(HttpMethod.Put, $"devices/{Escape(serialNumber)}", form.ToArray()), cancellationToken).ConfigureAwait(false);
            await SuccessReply.ExpectAsync(response, $"renamed {serialNumber}", cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// <c>POST devices/:serial/data_access_window</c> (times, <c>user_id</c>, <c>read</c>, <c>modify</c>); the reply names no
        /// window, so the windows of the device are read again and the one with these times and this recipient is the answer.
        /// </summary>
        public async Task<IgtimiDataAccessWindow?> GrantDeviceAccessAsync(IgtimiAccessGrant grant, CancellationToken cancellationToken)
        {
            if (grant.UserId is null)
                throw new ArgumentException("igtimi.com shares a device with one user: give the user's id (-UserId).");
            var form = new List<KeyValuePair<string, string>>();
            form.AddRange(QueryEncoder.Flatten(new[]
            {
                new KeyValuePair<string, object?>("start_time", grant.Start),
                new KeyValuePair<string, object?>("end_time", grant.End),
                new KeyValuePair<string, object?>("user_id", grant.UserId.Value),
                new KeyValuePair<string, object?>("read", grant.Read),
                new KeyValuePair<string, object?>("modify", grant.Modify),
            }));
            using (var response = await _http.SendAsync(Write(HttpMethod.Post, $"devices/{Escape(grant.SerialNumber)}/data_access_window", form.ToArray()),
                       cancellationToken).ConfigureAwait(false))
                await SuccessReply.ExpectAsync(response, $"shared {grant.SerialNumber}", cancellationToken).ConfigureAwait(false);

            var filter = new IgtimiTimeWindowFilter
            {
                SerialNumbers = IgtimiSerialNumbers.From(new[] { grant.SerialNumber }),
                Permission = grant.Modify && !grant.Read ? IgtimiPermission.Modify : IgtimiPermission.Read,
            };
            var windows = await GetDataAccessWindowsAsync(filter, cancellationToken).ConfigureAwait(false);
            long start = UnixTime.ToMilliseconds(grant.Start), end = UnixTime.ToMilliseconds(grant.End);
            return windows.LastOrDefault(w =>
                string.Equals(w.DeviceSerialNumber, grant.SerialNumber, StringComparison.OrdinalIgnoreCase) &&
                w.StartTime.HasValue && UnixTime.ToMilliseconds(w.StartTime.Value) == start &&
                w.EndTime.HasValue && UnixTime.ToMilliseconds(w.EndTime.Value) == end &&
                (w.Recipient?.User?.Id is null || w.Recipient.User.Id == grant.UserId));
        }

        public Task RevokeDeviceAccessAsync(long windowId, CancellationToken cancellationToken) =>
            throw IgtimiApiException.Of(IgtimiErrorKind.NotOffered,
                $"The igtimi.com API at {_http.SiteUri} has no way to revoke a data access window: its 2013 reference has no update and no " +
                "delete of a window (docs/design/igtimi-api-2013.md section 3.9). A share ends at its end time; SAP's server can delete one.",
                null, _http.SiteUri.AbsoluteUri);

        /// <summary><c>POST resource_data/upload</c>, multipart: <c>file</c>, <c>start_time</c>, <c>end_time</c>, <c>resource_id</c>.</summary>
        public async Task<(long ResourceId, string? Md5, string? Source)> UploadFileAsync(long resourceId, string fileName, byte[] content,
            string contentType, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
        {
            var fields = QueryEncoder.Flatten(new[]
            {
                new KeyValuePair<string, object?>("start_time", start),
                new KeyValuePair<string, object?>("end_time", end),
                new KeyValuePair<string, object?>("resource_id", resourceId),
            }).ToList();
            var request = new IgtimiRequest(HttpMethod.Post, "resource_data/upload")
            {
                Body = IgtimiRequestBody.FromMultipart(fields, "file", fileName, content, contentType),
                IsWrite = true,
            };
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            using var document = await ApiJson.ParseAsync(response, cancellationToken).ConfigureAwait(false);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("resource_datum", out var datum) || datum.ValueKind != JsonValueKind.Object)
                throw response.Invalid("the JSON is not an object with a 'resource_datum' member", System.Text.Encoding.UTF8.GetBytes(root.GetRawText()));
            long id = resourceId;
            if (datum.TryGetProperty("resource_id", out var idElement) && idElement.ValueKind == JsonValueKind.Number && idElement.TryGetInt64(out var parsed))
                id = parsed;
            string? md5 = datum.TryGetProperty("md5", out var md5Element) && md5Element.ValueKind == JsonValueKind.String ? md5Element.GetString() : null;
            string? source = datum.TryGetProperty("source", out var sourceElement) && sourceElement.ValueKind == JsonValueKind.String
                ? sourceElement.GetString() : null;
            return (id, md5, source);
        }

        private static string Escape(string serialNumber) => Uri.EscapeDataString(serialNumber.Trim());
    }
}
