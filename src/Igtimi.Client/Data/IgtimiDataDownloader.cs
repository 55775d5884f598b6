using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Http;

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
        /// Runs the download; <paramref name="onBlock"/> gets each complete block. It is called from
        /// several workers at once (one per device), but never concurrently for the same device.
        /// </summary>
        public async Task RunAsync(Func<IgtimiDataBlock, CancellationToken, Task> onBlock, CancellationToken cancellationToken)
        {
            var slices = _query.Slices();
            var serials = _query.SerialNumbers.Select(s => s.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var total = slices.Count * serials.Count;
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
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // One device failed and cancelled the others: report the real failure, not the cancellations.
                var real = tasks.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException).FirstOrDefault();
                if (real != null) throw real;
                throw;
            }
        }

        internal IgtimiRequest BuildRequest(string serial, long start, long end)
        {
            var request = new IgtimiRequest(HttpMethod.Get, "resources/data");
            request.AddQuery("start_time", start);
            request.AddQuery("end_time", end);
            request.AddQuery("serial_numbers", new[] { serial });
            foreach (var type in _query.Types.Distinct().OrderBy(t => t))
            {
                var compression = type == 1 ? _query.GpsTolerance : 0.0;
                request.Query.Add(new KeyValuePair<string, string>($"types[{type.ToString(CultureInfo.InvariantCulture)}]", QueryEncoder.FormatScalar(compression)));
            }
            return request;
        }

        private async Task FetchSliceAsync(string serial, long start, long end, Func<IgtimiDataBlock, CancellationToken, Task> onBlock, CancellationToken cancellationToken)
        {
            var delivered = new HashSet<(string Serial, int Type, int Dsi)>();
            var retry = _connection.Http.Retry;
            for (var attempt = 0; ; attempt++)
            {
                var reader = new PackedDataReader(async (block, ct) =>
                {
                    delivered.Add((block.SerialNumber, block.Type, block.Dsi));
                    Interlocked.Add(ref _samples, block.Count);
                    await onBlock(block, ct).ConfigureAwait(false);
                })
                {
                    Warning = Warning,
                    SkipBlock = (s, type, dsi) => delivered.Contains((s, type, dsi)),
                    ReadTimeout = _connection.Http.Timeout,
                };
                try
                {
                    using var response = await _connection.Http.SendAsync(BuildRequest(serial, start, end), cancellationToken).ConfigureAwait(false);
                    using var stream = await response.ReadAsStreamAsync().ConfigureAwait(false);
                    await reader.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
                    Interlocked.Add(ref _bytes, reader.ByteCount);
                    return;
                }
                catch (Exception ex) when (IsCutOff(ex, cancellationToken) && attempt < retry.MaxRetries)
                {
                    Interlocked.Add(ref _bytes, reader.ByteCount);
                    var wait = retry.BackoffDelay(attempt + 1);
                    IgtimiTrace.Verbose($"resources/data for {serial} ({UnixTime.FromMilliseconds(start):u} to {UnixTime.FromMilliseconds(end):u}) was cut off after {reader.ByteCount} bytes ({ex.Message}); " +
                                        $"fetching it again in {wait.TotalSeconds:0.##} s, skipping the {delivered.Count} blocks already delivered (retry {attempt + 1} of {retry.MaxRetries}).");
                    await retry.Delay(wait, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsCutOff(ex, cancellationToken))
                {
                    throw new IgtimiApiException($"resources/data for {serial} was cut off {retry.MaxRetries + 1} times: {ex.Message}", null, null, null, "GET", null, innerException: ex);
                }
            }
        }

        /// <summary>A body that broke off: the connection reset, or the JSON ended early (EndOfStreamException).</summary>
        private static bool IsCutOff(Exception ex, CancellationToken cancellationToken) =>
            !cancellationToken.IsCancellationRequested &&
            (ex is IOException || ex is HttpRequestException);
    }
}
