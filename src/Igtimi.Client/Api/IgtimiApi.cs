using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Data;
using Igtimi.Client.Models;

namespace Igtimi.Client.Api
{
    /// <summary>
    /// The API's endpoint calls on a connection, by resource. Arguments are checked here, once for
    /// every dialect, before any request; the connection's dialect then makes the call.
    /// </summary>
    public static partial class IgtimiApi
    {
        // account

        /// <summary>The signed-in user.</summary>
        public static Task<IgtimiUser> GetAccountAsync(this IgtimiConnection connection, CancellationToken cancellationToken) =>
            connection.Dialect.GetAccountAsync(cancellationToken);

        // users

        public static Task<IReadOnlyList<IgtimiUser>> GetUsersAsync(this IgtimiConnection connection, CancellationToken cancellationToken) =>
            connection.Dialect.GetUsersAsync(cancellationToken);

        public static Task<IgtimiUser> GetUserAsync(this IgtimiConnection connection, long id, CancellationToken cancellationToken) =>
            connection.Dialect.GetUserAsync(PositiveId(id), cancellationToken);

        // groups

        public static Task<IReadOnlyList<IgtimiGroup>> GetGroupsAsync(this IgtimiConnection connection, CancellationToken cancellationToken) =>
            connection.Dialect.GetGroupsAsync(cancellationToken);

        public static Task<IgtimiGroup> GetGroupAsync(this IgtimiConnection connection, long id, CancellationToken cancellationToken) =>
            connection.Dialect.GetGroupAsync(PositiveId(id), cancellationToken);

        // devices

        /// <summary>Devices the user may see, all of them or those with the given serials.</summary>
        public static Task<IReadOnlyList<IgtimiDevice>> GetDevicesAsync(this IgtimiConnection connection, IEnumerable<string>? serialNumbers,
            CancellationToken cancellationToken) =>
            connection.Dialect.GetDevicesAsync(IgtimiSerialNumbers.From(serialNumbers), cancellationToken);

        // device writes

        /// <summary>Registers a device to the signed-in user (igtimi.com: serial and service tag; SAP: serial, name and an id).</summary>
        public static Task<IgtimiDevice> RegisterDeviceAsync(this IgtimiConnection connection, string serialNumber, string? serviceTag, string? name,
            long? deviceId, CancellationToken cancellationToken)
        {
            var serial = OneSerial(serialNumber);
            if (deviceId.HasValue) PositiveId(deviceId.Value);
            if (name != null && string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A device name cannot be blank.");
            return connection.Dialect.RegisterDeviceAsync(serial, string.IsNullOrWhiteSpace(serviceTag) ? null : serviceTag!.Trim(), name, deviceId,
                cancellationToken);
        }

        public static Task UnregisterDeviceAsync(this IgtimiConnection connection, string serialNumber, long? deviceId, CancellationToken cancellationToken) =>
            connection.Dialect.UnregisterDeviceAsync(OneSerial(serialNumber), deviceId, cancellationToken);

        public static Task RenameDeviceAsync(this IgtimiConnection connection, string serialNumber, string name, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A device name cannot be blank.");
            return connection.Dialect.RenameDeviceAsync(OneSerial(serialNumber), name, cancellationToken);
        }

        // sharing

        /// <summary>Shares a device's data for a window; the new window when the server names it or a re-read finds it, else null.</summary>
        public static Task<IgtimiDataAccessWindow?> GrantDeviceAccessAsync(this IgtimiConnection connection, IgtimiAccessGrant grant,
            CancellationToken cancellationToken)
        {
            if (grant is null) throw new ArgumentNullException(nameof(grant));
            grant.SerialNumber = OneSerial(grant.SerialNumber);
            if (grant.UserId.HasValue) PositiveId(grant.UserId.Value);
            if (grant.Start >= grant.End)
                throw new ArgumentException($"The start ({grant.Start.UtcDateTime:u}) is not before the end ({grant.End.UtcDateTime:u}).");
            if (!grant.Read && !grant.Modify) throw new ArgumentException("A share gives read, modify or both; neither was asked for.");
            return connection.Dialect.GrantDeviceAccessAsync(grant, cancellationToken);
        }

        public static Task RevokeDeviceAccessAsync(this IgtimiConnection connection, long windowId, CancellationToken cancellationToken) =>
            connection.Dialect.RevokeDeviceAccessAsync(PositiveId(windowId), cancellationToken);

        // file upload

        /// <summary>
        /// Sends a file to a resource and checks the md5 the server reports against the file's own; a missing or different md5
        /// is an <see cref="IgtimiUploadChecksumException"/>.
        /// </summary>
        public static async Task<IgtimiUploadedFile> UploadFileAsync(this IgtimiConnection connection, long resourceId, string path, string contentType,
            DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
        {
            PositiveId(resourceId);
            if (start > end) throw new ArgumentException($"The start ({start.UtcDateTime:u}) is after the end ({end.UtcDateTime:u}).");
            var full = System.IO.Path.GetFullPath(path);
            var content = System.IO.File.ReadAllBytes(full);
            string local;
            using (var md5 = System.Security.Cryptography.MD5.Create())
                local = string.Concat(md5.ComputeHash(content).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
            var (id, remote, source) = await connection.Dialect.UploadFileAsync(resourceId, System.IO.Path.GetFileName(full), content,
                Http.IgtimiRequestBody.ValidContentType(contentType), start, end, cancellationToken).ConfigureAwait(false);
            if (remote is null || !string.Equals(remote.Trim(), local, StringComparison.OrdinalIgnoreCase))
                throw new IgtimiUploadChecksumException(full, local, remote, id);
            return new IgtimiUploadedFile(id, local, source, full, content.LongLength, start, end, contentType);
        }

        private static string OneSerial(string serialNumber)
        {
            var serials = IgtimiSerialNumbers.From(new[] { serialNumber });
            if (serials.Count != 1) throw new ArgumentException("One serial number is needed.");
            return serials[0];
        }

        // data access windows

        public static Task<IReadOnlyList<IgtimiDataAccessWindow>> GetDataAccessWindowsAsync(this IgtimiConnection connection, IgtimiTimeWindowFilter filter,
            CancellationToken cancellationToken)
        {
            filter.Validate();
            return connection.Dialect.GetDataAccessWindowsAsync(filter, cancellationToken);
        }

        // sessions

        public static Task<IReadOnlyList<IgtimiSession>> GetSessionsAsync(this IgtimiConnection connection, IgtimiSessionFilter filter,
            CancellationToken cancellationToken)
        {
            filter.Validate();
            return connection.Dialect.GetSessionsAsync(filter, cancellationToken);
        }

        public static Task<IgtimiSession> GetSessionAsync(this IgtimiConnection connection, long id, CancellationToken cancellationToken) =>
            connection.Dialect.GetSessionAsync(PositiveId(id), cancellationToken);

        /// <summary>The session's log as typed entries.</summary>
        public static Task<IReadOnlyList<IgtimiSessionLogEntry>> GetSessionLogAsync(this IgtimiConnection connection, long sessionId,
            CancellationToken cancellationToken, DateTimeOffset? since = null) =>
            connection.Dialect.GetSessionLogAsync(PositiveId(sessionId), since, cancellationToken);

        // resources

        public static Task<IReadOnlyList<IgtimiResource>> GetResourcesAsync(this IgtimiConnection connection, IgtimiResourceFilter filter,
            CancellationToken cancellationToken)
        {
            filter.Validate();
            return connection.Dialect.GetResourcesAsync(filter, cancellationToken);
        }

        // data

        /// <summary>The latest sample of one type per device; devices without one are left out.</summary>
        public static Task<IReadOnlyList<IgtimiDataPoint>> GetLatestDataAsync(this IgtimiConnection connection, int type, IEnumerable<string> serialNumbers,
            CancellationToken cancellationToken, Action<string>? warning = null)
        {
            if (type <= 0) throw new ArgumentException("Data type codes are positive numbers.");
            var serials = IgtimiSerialNumbers.From(serialNumbers);
            if (serials.IsEmpty) throw new ArgumentException("At least one serial number is needed.");
            return LeaveOutStrangersAsync(connection.Dialect.GetLatestDataAsync(type, serials, warning, cancellationToken), serials, warning);
        }

        /// <summary>A server may answer with devices nobody asked for (one that ignores the filter): those are left out, with one warning naming them.</summary>
        private static async Task<IReadOnlyList<IgtimiDataPoint>> LeaveOutStrangersAsync(Task<IReadOnlyList<IgtimiDataPoint>> call,
            IgtimiSerialNumbers serials, Action<string>? warning)
        {
            var points = await call.ConfigureAwait(false);
            var strangers = points.Where(p => !serials.Contains(p.SerialNumber)).ToList();
            if (strangers.Count == 0) return points;
            warning?.Invoke(IgtimiDataDownloader.DescribeStrangers(strangers.GroupBy(p => p.SerialNumber, StringComparer.OrdinalIgnoreCase)
                .Select(g => new KeyValuePair<string, long>(g.Key, g.Count()))));
            return points.Where(p => serials.Contains(p.SerialNumber)).ToList();
        }

        /// <summary>
        /// The data types the server lists, merged with the built-in catalogue: the server's names and
        /// components where it gives them, the catalogue's otherwise.
        /// </summary>
        public static Task<IReadOnlyList<IgtimiDataType>> GetServerDataTypesAsync(this IgtimiConnection connection, CancellationToken cancellationToken) =>
            connection.Dialect.GetDataTypesAsync(cancellationToken);

        // live

        /// <summary>The server's WebSocket servers, in the order to try them.</summary>
        public static Task<IReadOnlyList<Uri>> GetLiveServersAsync(this IgtimiConnection connection, CancellationToken cancellationToken) =>
            connection.Dialect.GetLiveServersAsync(cancellationToken);

        private static long PositiveId(long id) => id > 0 ? id : throw new ArgumentException($"Ids are positive numbers, not {id}.");
    }
}
