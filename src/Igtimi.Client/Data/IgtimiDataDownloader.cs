using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Api;
using Igtimi.Client.Http;
using Igtimi.Client.Models;

namespace Igtimi.Client.Data
{
    /// <summary>
    /// Downloads resources/data for a query: one request per device and time slice, devices in
    /// parallel up to the throttle limit, each device's slices in time order. A response cut off
    /// mid-body is fetched again and the blocks already delivered are skipped, so nothing is lost and
    /// nothing comes twice.
    /// </summary>
    public sealed class IgtimiDataDownloader
    {
        private readonly IgtimiConnection _connection;
        private readonly IgtimiDataQuery _query;
        private long _samples;
        private long _bytes;
        private int _slicesDone;
        private readonly ConcurrentDictionary<string, long> _strangers = new ConcurrentDictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<string, long> _delivered = new ConcurrentDictionary<string, long>(StringComparer.OrdinalIgnoreCase);

        public IgtimiDataDownloader(IgtimiConnection connection, IgtimiDataQuery query)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            _query = query ?? throw new ArgumentNullException(nameof(query));
            query.Validate();
        }

        /// <summary>Anomalies in the data (see <see cref="PackedDataReader.Warning"/>).</summary>
        public Action<string>? Warning { get; set; }

        public IProgress<IgtimiDataProgress>? Progress { get; set; }

        /// <summary>
        /// When set, a download that gives no points for some of its devices ends with one <see cref="Warning"/> naming them
        /// and the window (off for the live client's gap fill, where an empty gap is normal).
        /// </summary>
        public bool WarnWhenEmpty { get; set; }

        /// <summary>Points left out because their device was not asked for in the request that brought them, by serial number.</summary>
        public IReadOnlyDictionary<string, long> LeftOut => _strangers;

        /// <summary>Points delivered, by serial number asked for (a device with none is missing).</summary>
        public IReadOnlyDictionary<string, long> Delivered => _delivered;

        /// <summary>
        /// The slices to fetch instead of the query's, for a download of one device: read one at a time, after the blocks of
        /// the one before were delivered, so a caller can choose each from what the last one held.
        /// </summary>
        public IEnumerable<(long Start, long End)>? Slices { get; set; }

        /// <summary>The consumer keeps nothing of a block after its callback (see <see cref="IgtimiDataSlice.BlocksAreBorrowed"/>).</summary>
        public bool BlocksAreBorrowed { get; set; }

        /// <summary>
        /// Runs the download; <paramref name="onBlock"/> gets each complete block. It is called from
        /// several workers at once (one per device), but never concurrently for the same device.
        /// </summary>
        public async Task RunAsync(Func<IgtimiDataBlock, CancellationToken, Task> onBlock, CancellationToken cancellationToken)
        {
            IEnumerable<(long Start, long End)> slices = _query.Slices();
            var serials = IgtimiSerialNumbers.From(_query.SerialNumbers);
            if (Slices != null)
            {
                if (serials.Count != 1) throw new InvalidOperationException("Slices of one's own are for a download of one device.");
                slices = Slices;
            }
            var total = slices is IReadOnlyCollection<(long, long)> fixedSlices ? fixedSlices.Count * serials.Count : 0;
            Progress?.Report(new IgtimiDataProgress(0, total, 0, 0));
            using var gate = new SemaphoreSlim(_query.ThrottleLimit);
            using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var tasks = serials.Select(async serial =>
            {
                await gate.WaitAsync(failed.Token).ConfigureAwait(false);
                try
                {
                    foreach (var slice in slices)
                    {
                        await FetchSliceAsync(serial, slice.Start, slice.End, onBlock, failed.Token).ConfigureAwait(false);
                        var done = Interlocked.Increment(ref _slicesDone);
                        Progress?.Report(new IgtimiDataProgress(done, total, Interlocked.Read(ref _samples), Interlocked.Read(ref _bytes)));
                    }
                }
                catch
                {
                    failed.Cancel();
                    throw;
                }
                finally
                {
                    gate.Release();
                }
            }).ToList();
            try
            {
                await Task.WhenAll(tasks).ConfigureAwait(false);
                if (!_strangers.IsEmpty) Warning?.Invoke(DescribeStrangers(_strangers));
                if (WarnWhenEmpty) ReportEmpty(serials);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // One device failed and cancelled the others: report the real failure, not the cancellations.
                var real = tasks.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException).FirstOrDefault();
                if (real != null) throw real;
                throw;
            }
        }

        /// <summary>One warning naming every device whose points were left out for not being asked for, with their counts.</summary>
        public static string DescribeStrangers(IEnumerable<KeyValuePair<string, long>> strangers)
        {
            var list = strangers.OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
            var names = string.Join(", ", list.Take(10).Select(s => $"{SafeText.Excerpt(s.Key, 40)} ({s.Value:N0} point{(s.Value == 1 ? "" : "s")})"));
            if (list.Count > 10) names += $" and {list.Count - 10} more";
            return $"The server sent data of {(list.Count == 1 ? "a device" : "devices")} not asked for in that request: {names}; those points were left out.";
        }

        private void ReportEmpty(IgtimiSerialNumbers serials)
        {
            var empty = serials.Where(s => !_delivered.ContainsKey(s)).ToList();
            if (empty.Count == 0) return;
            var names = string.Join(", ", empty.Take(10).Select(s => SafeText.Excerpt(s, 40)));
            if (empty.Count > 10) names += $" and {empty.Count - 10} more";
            var types = _query.Types is null ? "" : " of type " + string.Join(", ", _query.Types.Select(t => IgtimiDataTypeCatalog.Get(t).Name));
            Warning?.Invoke($"No data{types} for {names} between {Utc(_query.Start)} and {Utc(_query.End)}: the server returned no points " +
                            "(unknown serial number, no access, or nothing recorded in that window).");
        }

        private static string Utc(DateTimeOffset time) =>
            time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

        private async Task FetchSliceAsync(string serial, long start, long end, Func<IgtimiDataBlock, CancellationToken, Task> onBlock,
            CancellationToken cancellationToken)
        {
            var delivered = new HashSet<(string Serial, int Type, int Dsi)>();
            var retry = _connection.Http.Retry;
            var deadlines = 0;
            for (var attempt = 0; ; attempt++)
            {
                var slice = new IgtimiDataSlice(serial, start, end, _query.Types ?? _connection.Dialect.DefaultDataTypes, _query.GpsTolerance, async (block, ct) =>
                {
                    // A server may answer with devices nobody asked for (SAP's attributes messages to the device that
                    // sent them; a server may ignore the filter): those would come twice, once per request.
                    if (!string.Equals(block.SerialNumber, serial, StringComparison.OrdinalIgnoreCase))
                    {
                        _strangers.AddOrUpdate(block.SerialNumber, block.Count, (_, n) => n + block.Count);
                        return;
                    }
                    delivered.Add((block.SerialNumber, block.Type, block.Dsi));
                    Interlocked.Add(ref _samples, block.Count);
                    if (block.Count > 0) _delivered.AddOrUpdate(serial, block.Count, (_, n) => n + block.Count);
                    await onBlock(block, ct).ConfigureAwait(false);
                })
                {
                    Warning = Warning,
                    SkipBlock = (s, type, dsi) => delivered.Contains((s, type, dsi)),
                    BlocksAreBorrowed = BlocksAreBorrowed,
                };
                try
                {
                    await _connection.Dialect.ReadDataSliceAsync(slice, cancellationToken).ConfigureAwait(false);
                    Interlocked.Add(ref _bytes, slice.BytesRead);
                    return;
                }
                catch (Exception ex) when (IsCutOff(ex, cancellationToken) && attempt < retry.MaxRetries && (deadlines == 0 || !IsDeadline(ex)))
                {
                    if (IsDeadline(ex)) deadlines++;
                    Interlocked.Add(ref _bytes, slice.BytesRead);
                    var wait = retry.BackoffDelay(attempt + 1);
                    IgtimiTrace.Verbose($"resources/data for {serial} ({UnixTime.Describe(start)} to {UnixTime.Describe(end)}) " +
                                        $"was cut off after {slice.BytesRead} bytes ({ex.Message}); " +
                                        $"fetching it again in {wait.TotalSeconds:0.##} s, skipping the {delivered.Count} blocks already delivered " +
                                        $"(retry {attempt + 1} of {retry.MaxRetries}).");
                    await retry.Delay(wait, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsCutOff(ex, cancellationToken))
                {
                    var failure = TransportFailure.From(ex, "GET", "resources/data", null);
                    throw new IgtimiApiException($"resources/data for {serial} was cut off {retry.MaxRetries + 1} times; the last time: {failure.Message}",
                        null, null, null, "GET", null, innerException: ex, kind: failure.Kind);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested && (ex is IOException || ex is HttpRequestException))
                {
                    throw TransportFailure.From(ex, "GET", "resources/data", null);
                }
            }
        }

        /// <summary>
        /// A slice whose body ran out of its whole time budget is fetched again once only: a server
        /// that trickles a body for ever must not hold a download for five budgets.
        /// </summary>
        private static bool IsDeadline(Exception ex) => ex is ResponseTimeoutException timeout && !timeout.Stalled;

        /// <summary>
        /// A body that broke off or stalled, worth fetching again: a connection reset, a premature end,
        /// no bytes for the idle timeout, the time budget used up. Not a body over the size cap.
        /// </summary>
        private static bool IsCutOff(Exception ex, CancellationToken cancellationToken)
        {
            if (cancellationToken.IsCancellationRequested) return false;
            switch (ex)
            {
                case ResponseTimeoutException _:
                    return true;
                default:
                    return ex is IOException || ex is HttpRequestException;
            }
        }
    }
}
