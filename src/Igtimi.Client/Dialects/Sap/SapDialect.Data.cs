using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Api;
using Igtimi.Client.Data;
using Igtimi.Client.Http;
using Igtimi.Client.Models;

namespace Igtimi.Client.Dialects.Sap
{
    internal sealed partial class SapDialect
    {
        /// <summary>
        /// A message is dated by its first point (the server's range is half-open on that date), so one
        /// that starts just before a slice may hold points inside it. Each request asks this much more
        /// on both sides, and every point is kept only by the slice its own time falls in: no point is
        /// missed at a slice boundary and none comes twice.
        /// </summary>
        private const long SliceMarginMs = 10_000;

        /// <summary>
        /// <c>GET resources/data</c> for one device and slice: base64 protobuf messages in no order,
        /// sorted and de-duplicated here, then handed over as blocks. Every type asked for is sent as
        /// <c>types[n]</c> (none would mean no data at all); altitude (5) comes from positions (case 1).
        /// </summary>
        public async Task ReadDataSliceAsync(IgtimiDataSlice slice, CancellationToken cancellationToken)
        {
            var request = new IgtimiRequest(HttpMethod.Get, "resources/data") { StreamedBody = true };
            request.AddQuery("start_time", slice.Start - SliceMarginMs);
            request.AddQuery("end_time", slice.End + 1 + SliceMarginMs);
            request.AddQuery("serial_numbers", new[] { slice.SerialNumber });
            foreach (var type in ServerCases(slice.Types))
                request.Query.Add(new KeyValuePair<string, string>($"types[{type.ToString(CultureInfo.InvariantCulture)}]", "0"));

            var points = new SapPointCollector(null, slice.Types, slice.Start, slice.End);
            var reader = new SapDataReader(points);
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NoContent) return;
            if (response.IsMarkup()) throw response.Invalid("SAP data (JSON) was expected, not markup", await response.ReadHeadAsync(cancellationToken).ConfigureAwait(false));
            try
            {
                using var stream = await response.ReadAsStreamAsync().ConfigureAwait(false);
                await reader.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
            }
            catch (IgtimiPayloadException ex)
            {
                throw response.Invalid(ex.Problem, ex.Head, ex.HeadLength, ex);
            }
            catch (Exception ex) when (ex is ResponseTooLargeException || ex is ResponseDecodeException)
            {
                throw response.Failure(ex);
            }
            finally
            {
                slice.BytesRead += reader.ByteCount;
            }
            Report(slice.Warning, slice.SerialNumber, reader.Problems(), points.Problems());
            if (points.Duplicates > 0)
                IgtimiTrace.Debug($"{slice.SerialNumber}: {points.Duplicates} samples came twice (overlapping data access windows) and were kept once.");
            foreach (var block in points.TakeBlocks())
            {
                if (slice.SkipBlock?.Invoke(block.SerialNumber, block.Type, block.Dsi) ?? false) continue;
                await slice.OnBlock(block, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary><c>GET resources/data/latest?type=&amp;serial_numbers[]=</c>: one synthesized message per serial that has data.</summary>
        public async Task<IReadOnlyList<IgtimiDataPoint>> GetLatestDataAsync(int type, IgtimiSerialNumbers serialNumbers, Action<string>? warning,
            CancellationToken cancellationToken)
        {
            var points = new SapPointCollector(serialNumbers, new[] { type });
            var problems = new List<string?>();
            foreach (var batch in Batches(serialNumbers, 40))
            {
                var request = Get("resources/data/latest").AddQuery("type", ServerCases(new[] { type }).Single()).AddQuery("serial_numbers", batch);
                using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (response.IsMarkup()) throw response.Invalid("SAP data (JSON) was expected, not markup", await response.ReadHeadAsync(cancellationToken).ConfigureAwait(false));
                var reader = new SapDataReader(points);
                try
                {
                    using var stream = await response.ReadAsStreamAsync().ConfigureAwait(false);
                    await reader.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
                }
                catch (IgtimiPayloadException ex)
                {
                    throw response.Invalid(ex.Problem, ex.Head, ex.HeadLength, ex);
                }
                problems.Add(reader.Problems());
            }
            problems.Add(points.Problems());
            Report(warning, "latest data", problems.ToArray());
            // Each message holds one point; should a server send more, the newest of each device counts.
            return points.TakeBlocks()
                .GroupBy(b => b.SerialNumber, StringComparer.OrdinalIgnoreCase)
                .Select(g => g.Where(b => b.Count > 0).OrderByDescending(b => b.Times[b.Count - 1]).Select(b => b.PointAt(b.Count - 1)).FirstOrDefault())
                .Where(p => p != null)
                .OrderBy(p => p!.SerialNumber, StringComparer.Ordinal)
                .ToList()!;
        }

        /// <summary>The DataPoint cases to ask the server for: the type codes, with positions (1) for altitude (5).</summary>
        private static IEnumerable<int> ServerCases(IEnumerable<int> types) =>
            types.Select(t => t == SapPoint.AltitudeType ? 1 : t).Distinct().OrderBy(t => t);

        private static void Report(Action<string>? warning, string what, params string?[] problems)
        {
            var text = string.Join("; ", problems.Where(p => p != null));
            if (text.Length > 0) warning?.Invoke($"{SafeText.Excerpt(what, 60)}: {text}.");
        }
    }
}
