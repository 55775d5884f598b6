using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client;
using Igtimi.Client.Models;
using IgtimiPS.Base;

namespace IgtimiPS.Completers
{
    /// <summary>
    /// Completes serial numbers from the current (or -Connection) connection's devices. The list is
    /// cached per connection for a minute and fetched with a short timeout; it never signs in.
    /// </summary>
    public sealed class SerialNumberCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(1);
        private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(3);
        private static readonly ConditionalWeakTable<IgtimiConnection, CachedDevices> Cache = new ConditionalWeakTable<IgtimiConnection, CachedDevices>();

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var connection = (fakeBoundParameters?["Connection"] is PSObject wrapped ? wrapped.BaseObject : fakeBoundParameters?["Connection"]) as IgtimiConnection
                             ?? IgtimiSessionState.Current;
            if (connection is null || !connection.IsOpen) return Array.Empty<CompletionResult>();
            var word = (wordToComplete ?? "").Trim('\'', '"');
            return Devices(connection)
                .Where(d => !string.IsNullOrEmpty(d.SerialNumber) &&
                            (d.SerialNumber!.StartsWith(word, StringComparison.OrdinalIgnoreCase) || (d.Name ?? "").StartsWith(word, StringComparison.OrdinalIgnoreCase)))
                .OrderBy(d => d.SerialNumber, StringComparer.OrdinalIgnoreCase)
                .Select(d => new CompletionResult(d.SerialNumber, $"{d.SerialNumber} {d.Name}".Trim(), CompletionResultType.ParameterValue,
                    string.IsNullOrEmpty(d.Name) ? d.SerialNumber : $"{d.Name} ({d.SerialNumber})"))
                .ToList();
        }

        /// <summary>Lets Get-IgtimiDevice refresh the cache with what it just read.</summary>
        internal static void Remember(IgtimiConnection connection, IReadOnlyList<IgtimiDevice> devices)
        {
            Cache.Remove(connection);
            Cache.Add(connection, new CachedDevices(devices, DateTimeOffset.UtcNow));
        }

        private static IReadOnlyList<IgtimiDevice> Devices(IgtimiConnection connection)
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
            catch (Exception ex) when (ex is OperationCanceledException || ex is Igtimi.Client.Http.IgtimiApiException)
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
