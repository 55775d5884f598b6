using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client;
using Igtimi.Client.Http;

namespace IgtimiPS.Completers
{
    /// <summary>
    /// Each connection's lists of sessions, users and groups for tab completion, as DeviceListCache
    /// keeps devices: kept a minute, fetched with a short timeout, refreshed whenever a cmdlet has
    /// just read the whole list.
    /// </summary>
    internal static class ObjectListCache
    {
        private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(1);
        private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(3);
        private static readonly ConditionalWeakTable<IgtimiConnection, Lists> Cache = new ConditionalWeakTable<IgtimiConnection, Lists>();

        public static IReadOnlyList<T> Remember<T>(IgtimiConnection connection, IReadOnlyList<T> items)
        {
            var lists = Cache.GetValue(connection, _ => new Lists());
            lock (lists) lists.ByType[typeof(T)] = (items, DateTimeOffset.UtcNow);
            return items;
        }

        public static IReadOnlyList<T> Get<T>(IgtimiConnection connection, Func<IgtimiConnection, CancellationToken, Task<IReadOnlyList<T>>> fetch)
        {
            var lists = Cache.GetValue(connection, _ => new Lists());
            lock (lists)
            {
                if (lists.ByType.TryGetValue(typeof(T), out var cached) && DateTimeOffset.UtcNow - cached.Fetched < CacheLifetime)
                    return (IReadOnlyList<T>)cached.Items;
            }
            using var timeout = new CancellationTokenSource(FetchTimeout);
            try
            {
                var task = Task.Run(() => fetch(connection, timeout.Token), timeout.Token);
                return Remember(connection, task.GetAwaiter().GetResult());
            }
            catch (Exception ex) when (ex is OperationCanceledException || ex is IgtimiApiException)
            {
                // Completion must never fail or hang the prompt; without a list (or on a server without sessions) there is nothing to offer.
                return Array.Empty<T>();
            }
        }

        private sealed class Lists
        {
            public Dictionary<Type, (object Items, DateTimeOffset Fetched)> ByType { get; } = new Dictionary<Type, (object, DateTimeOffset)>();
        }
    }
}
