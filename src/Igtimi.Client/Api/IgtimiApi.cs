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
            CancellationToken cancellationToken) =>
            connection.Dialect.GetSessionLogAsync(PositiveId(sessionId), cancellationToken);

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
