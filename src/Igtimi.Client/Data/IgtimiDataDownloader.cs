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
            var deadlines = 0;
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
                };
                IgtimiResponse? response = null;
                try
                {
                    var request = BuildRequest(serial, start, end);
                    request.StreamedBody = true;
                    response = await _connection.Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                    // 204: the server has nothing for this slice, which is an answer, not a failure.
                    if (response.StatusCode == System.Net.HttpStatusCode.NoContent) return;
                    if (response.IsMarkup()) throw response.Invalid("packed data (JSON) was expected, not markup", await Head(response, cancellationToken).ConfigureAwait(false));
                    using var stream = await response.ReadAsStreamAsync().ConfigureAwait(false);
                    await reader.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
                    Interlocked.Add(ref _bytes, reader.ByteCount);
                    return;
                }
                catch (IgtimiPayloadException ex) when (response != null)
                {
                    throw response.Invalid(ex.Problem, ex.Head, ex.HeadLength, ex);
                }
                catch (IgtimiApiException ex) when (response != null && ex.Kind == IgtimiErrorKind.ApiError && ex.RequestUri is null)
                {
                    throw new IgtimiApiException($"GET {response.RequestUri} answered {(int)response.StatusCode} with the API's error instead of data: {ex.ApiError}" +
                                                 (ex.ApiErrorDescription is null ? "." : $" ({ex.ApiErrorDescription})."),
                        response.StatusCode, ex.ApiError, ex.ApiErrorDescription, "GET", response.RequestUri, kind: IgtimiErrorKind.ApiError);
                }
                catch (Exception ex) when (IsCutOff(ex, cancellationToken) && attempt < retry.MaxRetries && (deadlines == 0 || !IsDeadline(ex)))
                {
                    if (IsDeadline(ex)) deadlines++;
                    Interlocked.Add(ref _bytes, reader.ByteCount);
                    var wait = retry.BackoffDelay(attempt + 1);
                    IgtimiTrace.Verbose($"resources/data for {serial} ({UnixTime.Describe(start)} to {UnixTime.Describe(end)}) was cut off after {reader.ByteCount} bytes ({ex.Message}); " +
                                        $"fetching it again in {wait.TotalSeconds:0.##} s, skipping the {delivered.Count} blocks already delivered (retry {attempt + 1} of {retry.MaxRetries}).");
                    await retry.Delay(wait, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsCutOff(ex, cancellationToken))
                {
                    var failure = response?.Failure(ex) ?? TransportFailure.From(ex, "GET", "resources/data", null);
                    throw new IgtimiApiException($"resources/data for {serial} was cut off {retry.MaxRetries + 1} times; the last time: {failure.Message}", null, null, null, "GET",
                        failure.RequestUri, innerException: ex, kind: failure.Kind);
                }
                catch (Exception ex) when (response != null && IgtimiResponse.IsReadFailure(ex, cancellationToken))
                {
                    throw response.Failure(ex);
                }
                finally
                {
                    response?.Dispose();
                }
            }
        }

        private static async Task<byte[]> Head(IgtimiResponse response, CancellationToken cancellationToken)
        {
            using var stream = await response.ReadAsStreamAsync().ConfigureAwait(false);
            var head = new byte[256];
            var length = 0;
            int read;
            while (length < head.Length && (read = await stream.ReadAsync(head, length, head.Length - length, cancellationToken).ConfigureAwait(false)) > 0) length += read;
            Array.Resize(ref head, length);
            return head;
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
                case ResponseTooLargeException _:
                case ResponseDecodeException _:
                    return false;
                case ResponseTimeoutException _:
                    return true;
                default:
                    return ex is IOException || ex is HttpRequestException;
            }
        }
    }
}
