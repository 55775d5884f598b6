using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Data;
using Igtimi.Client.Http;

namespace Igtimi.Client.Archive
{
    /// <summary>
    /// Reads an archive back into the blocks a download gives (and so into the same typed points), offline. Only the files
    /// the manifest names are read, so a run in progress or one that was killed never shows twice or half.
    /// </summary>
    public sealed class IgtimiArchiveReader
    {
        private readonly string _folder;
        private readonly IIgtimiArchiveFormat _format;

        public IgtimiArchiveReader(string folder, IIgtimiArchiveFormat format)
        {
            _folder = Path.GetFullPath(folder ?? throw new ArgumentNullException(nameof(folder)));
            _format = format ?? throw new ArgumentNullException(nameof(format));
        }

        public IReadOnlyList<string>? SerialNumbers { get; set; }
        public DateTimeOffset? Start { get; set; }
        public DateTimeOffset? End { get; set; }
        public IReadOnlyList<int>? Types { get; set; }

        /// <summary>The device-days of the manifest that the filter selects, by serial number and date.</summary>
        public IReadOnlyList<IgtimiArchiveDay> Days()
        {
            if (!Directory.Exists(_folder)) throw new DirectoryNotFoundException($"The archive folder '{_folder}' does not exist.");
            if (!File.Exists(IgtimiArchiveManifest.PathIn(_folder)))
                throw new InvalidDataException($"'{_folder}' is not an archive: it has no {IgtimiArchiveSchema.ManifestFile}.");
            var serials = SerialNumbers == null ? null : new HashSet<string>(SerialNumbers, StringComparer.OrdinalIgnoreCase);
            var first = Start?.UtcDateTime.Date;
            var last = End?.UtcDateTime.Date;
            return IgtimiArchiveManifest.Load(_folder).Days
                .Where(d => (serials == null || serials.Contains(d.SerialNumber)) && (first == null || d.Date >= first) && (last == null || d.Date <= last))
                .OrderBy(d => d.SerialNumber, StringComparer.OrdinalIgnoreCase).ThenBy(d => d.Date)
                .ToList();
        }

        public async Task ReadAsync(Func<IgtimiDataBlock, CancellationToken, Task> onBlock, CancellationToken cancellationToken)
        {
            var from = Start.HasValue ? UnixTime.ToMilliseconds(Start.Value) : long.MinValue;
            var to = End.HasValue ? UnixTime.ToMilliseconds(End.Value) : long.MaxValue;
            var types = Types == null ? null : new HashSet<int>(Types);
            foreach (var day in Days())
            {
                foreach (var relative in day.Files)
                {
                    var path = Path.Combine(_folder, relative);
                    if (!File.Exists(path))
                        throw new InvalidDataException($"The archive manifest names '{relative}', which is missing: the archive was changed by hand.");
                    using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: false);
                    await _format.ReadAsync(stream, async (rows, ct) =>
                    {
                        foreach (var block in ToBlocks(rows, from, to, types)) await onBlock(block, ct).ConfigureAwait(false);
                    }, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        /// <summary>Runs of rows with the same type, DSI and component count, within [from, to], as blocks.</summary>
        internal static IEnumerable<IgtimiDataBlock> ToBlocks(IgtimiArchiveRows rows, long from, long to, HashSet<int>? types)
        {
            var i = 0;
            foreach (var run in rows.Runs)
            {
                var j = i + run.Count;
                if (types == null || types.Contains(run.Type))
                {
                    var selected = new List<int>(run.Count);
                    for (var r = i; r < j; r++)
                        if (rows.Times[r] >= from && rows.Times[r] <= to) selected.Add(r);
                    if (selected.Count > 0) yield return Block(rows, selected, run.Type, run.Dsi, Math.Min(run.Width, IgtimiArchiveRows.MaxComponents));
                }
                i = j;
            }
        }

        private static IgtimiDataBlock Block(IgtimiArchiveRows rows, List<int> selected, int type, int dsi, int width)
        {
            var n = selected.Count;
            var times = new long[n];
            var components = new double[width][];
            string?[][]? texts = null;
            for (var k = 0; k < width; k++) components[k] = new double[n];
            for (var x = 0; x < n; x++)
            {
                var r = selected[x];
                times[x] = rows.Times[r];
                for (var k = 0; k < width; k++)
                {
                    components[k][x] = rows.Components[k]?[r] ?? double.NaN;
                    var text = rows.Texts[k]?[r];
                    if (text == null) continue;
                    texts ??= new string?[width][];
                    texts[k] ??= new string?[n];
                    texts[k][x] = text;
                }
            }
            return new IgtimiDataBlock(rows.SerialNumber, type, dsi, times, components, texts);
        }
    }
}
