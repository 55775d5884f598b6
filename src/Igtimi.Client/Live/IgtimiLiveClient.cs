using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Api;
using Igtimi.Client.Data;
using Igtimi.Client.Http;
using Igtimi.Client.Models;

namespace Igtimi.Client.Live
{
    /// <summary>
    /// The live WebSocket feed: finds the servers, tries them in order, sends the config, reads the
    /// server timestamp, then passes on data blocks. Heartbeats both ways; a silent link is dropped
    /// and reconnected with backoff across the server list. After every reconnect the gap is fetched
    /// from resources/data, and every sample already passed on is dropped, so the output has neither
    /// gaps nor duplicates.
    /// </summary>
    public sealed class IgtimiLiveClient
    {
        private const string Heartbeat = "1";
        private readonly IgtimiConnection _connection;
        private readonly IgtimiLiveOptions _options;
        private readonly Dictionary<(string Serial, int Type, int Dsi), long> _lastSeen = new Dictionary<(string, int, int), long>();
        private long? _streamStart;

        public IgtimiLiveClient(IgtimiConnection connection, IgtimiLiveOptions options)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            _options = options ?? throw new ArgumentNullException(nameof(options));
            options.Validate();
            _subscribed = IgtimiSerialNumbers.From(options.SerialNumbers);
        }

        private readonly IgtimiSerialNumbers _subscribed;
        private readonly HashSet<string> _strangers = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        public Action<IgtimiLiveEvent>? Events { get; set; }

        /// <summary>Anomalies in data frames (see <see cref="PackedDataReader.Warning"/>).</summary>
        public Action<string>? Warning { get; set; }

        /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled, then closes the socket properly.</summary>
        public async Task RunAsync(Func<IgtimiDataBlock, CancellationToken, Task> onBlock, CancellationToken cancellationToken)
        {
            try
            {
                await WatchAsync(onBlock, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                // Once a stop was asked for, whatever the link does next (a reset during the close, a
                // cancelled wait) is part of stopping, not a failure.
            }
            Raise(new IgtimiLiveEvent(IgtimiLiveEventKind.Stopped, null, "Stopped watching."));
            cancellationToken.ThrowIfCancellationRequested();
        }

        private async Task WatchAsync(Func<IgtimiDataBlock, CancellationToken, Task> onBlock, CancellationToken cancellationToken)
        {
            var reconnects = 0;
            var connectedBefore = false;
            while (!cancellationToken.IsCancellationRequested)
            {
                var servers = _options.Servers ?? await _connection.GetLiveServersAsync(cancellationToken).ConfigureAwait(false);
                if (servers.Count == 0) throw new IgtimiApiException("The server lists no live (WebSocket) servers.", null, null, null, "GET", null);

                LiveLink? link = null;
                foreach (var server in servers)
                {
                    Raise(new IgtimiLiveEvent(IgtimiLiveEventKind.Connecting, server, $"Connecting to {server}."));
                    try
                    {
                        link = await LiveLink.OpenAsync(server, _connection, _options, cancellationToken).ConfigureAwait(false);
                        break;
                    }
                    catch (Exception ex) when (IsLinkFailure(ex, cancellationToken))
                    {
                        Raise(new IgtimiLiveEvent(IgtimiLiveEventKind.ServerUnavailable, server, $"{server} is not available: {Describe(ex)}"));
                    }
                }

                if (link is null)
                {
                    var wait = Backoff(++reconnects);
                    Raise(new IgtimiLiveEvent(IgtimiLiveEventKind.Reconnecting, null,
                        $"No live server answered; trying the list again in {wait.TotalSeconds:0.#} s."));
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                using (link)
                {
                    reconnects = 0;
                    Raise(new IgtimiLiveEvent(IgtimiLiveEventKind.Connected, link.Server,
                        $"Connected to {link.Server}; server time {UnixTime.FromMilliseconds(link.ServerTime):yyyy-MM-dd HH:mm:ss.fff} UTC.",
                        UnixTime.FromMilliseconds(link.ServerTime)));
                    if (_streamStart is null) _streamStart = link.ServerTime;
                    try
                    {
                        if (connectedBefore && _options.GapFill) await FillGapAsync(link.ServerTime, onBlock, cancellationToken).ConfigureAwait(false);
                        connectedBefore = true;
                        await link.PumpAsync(message => HandleMessageAsync(message, onBlock, cancellationToken), cancellationToken).ConfigureAwait(false);
                        if (!cancellationToken.IsCancellationRequested)
                            Raise(new IgtimiLiveEvent(IgtimiLiveEventKind.Disconnected, link.Server, $"{link.Server} closed the connection" +
                                (link.ServerCloseStatus is { } status ? $" ({(int)status}{CloseReason(link.ServerCloseDescription)})." : ".")));
                    }
                    catch (Exception ex) when (IsLinkFailure(ex, cancellationToken))
                    {
                        Raise(new IgtimiLiveEvent(IgtimiLiveEventKind.Disconnected, link.Server, $"Lost {link.Server}: {Describe(ex)}"));
                    }
                    finally
                    {
                        if (cancellationToken.IsCancellationRequested) await link.CloseAsync().ConfigureAwait(false);
                    }
                }
                if (!cancellationToken.IsCancellationRequested)
                {
                    var wait = Backoff(++reconnects);
                    Raise(new IgtimiLiveEvent(IgtimiLiveEventKind.Reconnecting, null, $"Reconnecting in {wait.TotalSeconds:0.#} s."));
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        private TimeSpan Backoff(int attempt)
        {
            var delay = _connection.Http.Retry.BackoffDelay(attempt);
            return delay > _options.MaxReconnectDelay ? _options.MaxReconnectDelay : delay;
        }

        private static string CloseReason(string? description) =>
            string.IsNullOrWhiteSpace(description) ? "" : ", " + SafeText.Excerpt(Redactor.Redact(description!), 120);

        private static string Describe(Exception ex) => ex is OperationCanceledException ? "no answer in time" : Redactor.Redact(ex.Message);

        private static bool IsLinkFailure(Exception ex, CancellationToken cancellationToken) =>
            !cancellationToken.IsCancellationRequested &&
            (ex is WebSocketException || ex is IOException || ex is OperationCanceledException || ex is TimeoutException || ex is LiveProtocolException);

        private void Raise(IgtimiLiveEvent e)
        {
            IgtimiTrace.Verbose(e.Message);
            Events?.Invoke(e);
        }

        private async Task HandleMessageAsync(LiveMessage message, Func<IgtimiDataBlock, CancellationToken, Task> onBlock, CancellationToken cancellationToken)
        {
            try
            {
                await _connection.Dialect.Live.ReadFrameAsync(message.Bytes, message.Binary, (block, ct) => DeliverAsync(block, onBlock, ct),
                    Warning, cancellationToken).ConfigureAwait(false);
            }
            catch (IgtimiApiException ex) when (ex is IgtimiPayloadException || ex.Kind == IgtimiErrorKind.ApiError)
            {
                Warning?.Invoke($"A live frame could not be read and was skipped: {ex.Message}");
            }
        }

        /// <summary>Passes on the samples of a block that come after the last one passed on for its key.</summary>
        private async Task DeliverAsync(IgtimiDataBlock block, Func<IgtimiDataBlock, CancellationToken, Task> onBlock, CancellationToken cancellationToken)
        {
            // SAP's live server sends every device the user may read, whatever the subscription.
            if (!_subscribed.Contains(block.SerialNumber))
            {
                if (!_strangers.Add(block.SerialNumber)) return;
                if (_connection.Dialect.Live.IgnoresSubscription)
                    IgtimiTrace.Verbose($"Leaving out the live data of {SafeText.Excerpt(block.SerialNumber, 40)}: not asked for (this server sends every readable device).");
                else
                    Warning?.Invoke($"The live server sent data of {SafeText.Excerpt(block.SerialNumber, 40)}, which was not asked for; " +
                                    "it is left out (this warning comes once per device).");
                return;
            }
            if (_options.Types != null && !_options.Types.Contains(block.Type)) return;
            var key = (block.SerialNumber, block.Type, block.Dsi);
            var after = _lastSeen.TryGetValue(key, out var last) ? last : long.MinValue;
            var fresh = Filter(block, after);
            if (fresh.Count == 0) return;
            _lastSeen[key] = fresh.Times[fresh.Count - 1];
            await onBlock(fresh, cancellationToken).ConfigureAwait(false);
        }

        private static IgtimiDataBlock Filter(IgtimiDataBlock block, long after)
        {
            var first = 0;
            while (first < block.Count && block.Times[first] <= after) first++;
            if (first == 0) return block;
            var count = block.Count - first;
            var times = new long[count];
            Array.Copy(block.Times, first, times, 0, count);
            var components = block.Components.Select(c =>
            {
                var column = new double[count];
                Array.Copy(c, first, column, 0, count);
                return column;
            }).ToArray();
            var texts = block.Texts?.Select(c =>
            {
                if (c is null) return null!;
                var column = new string?[count];
                Array.Copy(c, first, column, 0, count);
                return column;
            }).ToArray();
            return new IgtimiDataBlock(block.SerialNumber, block.Type, block.Dsi, times, components, texts);
        }

        /// <summary>Fetches (last seen, reconnect time] per device from resources/data, before any new live frame is passed on.</summary>
        private async Task FillGapAsync(long serverTime, Func<IgtimiDataBlock, CancellationToken, Task> onBlock, CancellationToken cancellationToken)
        {
            long filled = 0;
            foreach (var serial in _subscribed)
            {
                var seen = _lastSeen.Where(p => string.Equals(p.Key.Serial, serial, StringComparison.OrdinalIgnoreCase)).Select(p => p.Value).ToList();
                var from = (seen.Count > 0 ? seen.Min() : _streamStart ?? serverTime) + 1;
                if (from > serverTime) continue;
                var query = new IgtimiDataQuery
                {
                    SerialNumbers = new[] { serial },
                    Start = UnixTime.FromMilliseconds(from),
                    End = UnixTime.FromMilliseconds(serverTime),
                    // Every type asked for, plus any type this device has sent live (codes above 16 too).
                    Types = _options.Types?.ToArray()
                        .Concat(_lastSeen.Keys.Where(k => string.Equals(k.Serial, serial, StringComparison.OrdinalIgnoreCase)).Select(k => k.Type))
                        .Distinct().ToArray(),
                    ThrottleLimit = 1,
                };
                await new IgtimiDataDownloader(_connection, query) { Warning = Warning }.RunAsync(async (block, ct) =>
                {
                    var before = _lastSeen.TryGetValue((block.SerialNumber, block.Type, block.Dsi), out var l) ? l : (long?)null;
                    await DeliverAsync(block, onBlock, ct).ConfigureAwait(false);
                    var after = _lastSeen.TryGetValue((block.SerialNumber, block.Type, block.Dsi), out var a) ? a : (long?)null;
                    if (after != before) Interlocked.Add(ref filled, block.Times.Count(t => t > (before ?? long.MinValue)));
                }, cancellationToken).ConfigureAwait(false);
            }
            Raise(new IgtimiLiveEvent(IgtimiLiveEventKind.GapFilled, null, $"Filled the gap from resources/data: {filled} point(s).", count: filled));
        }
    }

    /// <summary>The server broke the protocol (no timestamp, a closed handshake).</summary>
    public sealed class LiveProtocolException : Exception
    {
        public LiveProtocolException(string message) : base(message) { }
    }
}
