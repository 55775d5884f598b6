using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client;
using Igtimi.Client.Api;
using Igtimi.Client.Http;
using Igtimi.Client.Models;

namespace IgtimiPS.Completers
{
    /// <summary>
    /// Each connection's device list for tab completion: kept a minute, fetched with a short
    /// timeout, and refreshed whenever Get-IgtimiDevice has just read the whole list.
    /// </summary>
    internal static class DeviceListCache
    {
        private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(1);
        private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(3);
        private static readonly ConditionalWeakTable<IgtimiConnection, CachedDevices> Cache = new ConditionalWeakTable<IgtimiConnection, CachedDevices>();

        public static void Remember(IgtimiConnection connection, IReadOnlyList<IgtimiDevice> devices)
        {
            Cache.Remove(connection);
            Cache.Add(connection, new CachedDevices(devices, DateTimeOffset.UtcNow));
        }

        /// <summary>Drops the list after a write changed it, so completion does not offer a device that is gone.</summary>
        public static void Forget(IgtimiConnection connection) => Cache.Remove(connection);

        public static IReadOnlyList<IgtimiDevice> Devices(IgtimiConnection connection)
        {
            if (Cache.TryGetValue(connection, out var cached) && DateTimeOffset.UtcNow - cached.Fetched < CacheLifetime) return cached.Devices;
            using var timeout = new CancellationTokenSource(FetchTimeout);
            try
            {
                var task = Task.Run(() => connection.GetDevicesAsync(null, timeout.Token), timeout.Token);
                var devices = task.GetAwaiter().GetResult();
                Remember(connection, devices);
                return devices;
            }
            catch (Exception ex) when (ex is OperationCanceledException || ex is IgtimiApiException)
            {
                // Completion must never fail or hang the prompt; without a device list there is simply nothing to offer.
                return Array.Empty<IgtimiDevice>();
            }
        }

        private sealed class CachedDevices
        {
            public CachedDevices(IReadOnlyList<IgtimiDevice> devices, DateTimeOffset fetched)
            {
                Devices = devices;
                Fetched = fetched;
            }

            public IReadOnlyList<IgtimiDevice> Devices { get; }
            public DateTimeOffset Fetched { get; }
        }
    }
}
