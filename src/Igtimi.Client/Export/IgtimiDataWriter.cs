using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Igtimi.Client.Data;
using Igtimi.Client.Http;

namespace Igtimi.Client.Export
{
    /// <summary>One value column of the input: a data type, a data source (DSI) and a component (0-based).</summary>
    public readonly struct IgtimiExportColumn : IEquatable<IgtimiExportColumn>, IComparable<IgtimiExportColumn>
    {
        public IgtimiExportColumn(int type, int dsi, int component)
        {
            Type = type;
            Dsi = dsi;
            Component = component;
        }

        public int Type { get; }
        public int Dsi { get; }
        public int Component { get; }

        public bool Equals(IgtimiExportColumn other) => Type == other.Type && Dsi == other.Dsi && Component == other.Component;
        public override bool Equals(object? obj) => obj is IgtimiExportColumn other && Equals(other);
        public override int GetHashCode() => unchecked((Type * 397 ^ Dsi) * 397 ^ Component);

        public int CompareTo(IgtimiExportColumn other)
        {
            var c = Type.CompareTo(other.Type);
            if (c != 0) return c;
            c = Dsi.CompareTo(other.Dsi);
            return c != 0 ? c : Component.CompareTo(other.Component);
        }

        public override string ToString() => $"{Type}:{Dsi}/{Component + 1}";
    }

    /// <summary>
    /// Writes data points to a CSV, GPX, GeoJSON, NMEA 0183 or KML document. Feed it points (or -Raw blocks) in any
    /// order with <see cref="Write(IgtimiDataPoint)"/>, then call <see cref="Complete"/> once; the
    /// document is written to the output stream there. Samples are grouped per device and timestamp in a
    /// sorted buffer, which is spooled to a temporary file as sorted runs when it outgrows
    /// <see cref="IgtimiExportOptions.MaxBufferedRows"/>, so memory stays bounded whatever the size;
    /// Complete merges the runs back in time order. Dispose deletes the spool file.
    /// Not thread-safe.
    /// </summary>
    public abstract class IgtimiDataWriter : IDisposable
    {
        internal const double KmhPerMetrePerSecond = 3.6;
        private const int CancellationCheckInterval = 4096;

        private readonly Stream _output;
        private readonly IgtimiExportOptions _options;
        private readonly ExportSpool _spool;
        private readonly Dictionary<string, ExportTimeline> _timelines = new Dictionary<string, ExportTimeline>(StringComparer.Ordinal);
        private readonly Dictionary<IgtimiExportColumn, int> _columnIds = new Dictionary<IgtimiExportColumn, int>();
        private readonly List<IgtimiExportColumn> _columns = new List<IgtimiExportColumn>();
        private int _bufferedRows;
        private bool _completed;

        private protected IgtimiDataWriter(Stream output, IgtimiExportOptions? options)
        {
            _output = output ?? throw new ArgumentNullException(nameof(output));
            _options = options ?? new IgtimiExportOptions();
            if (_options.MaxBufferedRows < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxBufferedRows must be at least 1.");
            _spool = new ExportSpool(_options.SpoolDirectory);
        }

        /// <summary>A writer for <paramref name="format"/> that writes its document to <paramref name="output"/> (left open).</summary>
        public static IgtimiDataWriter Create(IgtimiExportFormat format, Stream output, IgtimiExportOptions? options = null)
        {
            switch (format)
            {
                case IgtimiExportFormat.Csv: return new IgtimiCsvDataWriter(output, options);
                case IgtimiExportFormat.Gpx: return new IgtimiGpxDataWriter(output, options);
                case IgtimiExportFormat.GeoJson: return new IgtimiGeoJsonDataWriter(output, options);
                case IgtimiExportFormat.Nmea: return new IgtimiNmeaDataWriter(output, options);
                case IgtimiExportFormat.Kml: return new IgtimiKmlDataWriter(output, options);
                default: throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown export format.");
            }
        }

        public abstract IgtimiExportFormat Format { get; }

        /// <summary>Samples taken into the document.</summary>
        public long PointCount { get; private set; }

        /// <summary>Samples left out because their time is impossible (not after 1970-01-01, or from 2100 on).</summary>
        public long ImplausibleTimeCount { get; private set; }

        /// <summary>GPS position samples (type 1) taken: the map formats draw nothing without them.</summary>
        public long PositionCount { get; private set; }

        /// <summary>Samples of types the format has no place for (see <see cref="KeptTypes"/>).</summary>
        public long IgnoredPointCount { get; private set; }

        /// <summary>How many sorted runs went to the spool file (0 when everything fitted in memory).</summary>
        public long SpooledRunCount => _spool.RunCount;

        /// <summary>The serial numbers of the devices seen, once each (for naming their tracks before <see cref="Complete"/>).</summary>
        public IReadOnlyCollection<string> SerialNumbers => _timelines.Values.Select(t => t.SerialNumber).Distinct(StringComparer.Ordinal).ToList();

        /// <summary>Distinct devices seen (map formats: devices × GPS sources).</summary>
        public int TimelineCount => _timelines.Count;

        /// <summary>Takes one sample.</summary>
        public void Write(IgtimiDataPoint point)
        {
            if (point is null) throw new ArgumentNullException(nameof(point));
            EnsureOpen();
            var values = point.Values ?? Array.Empty<double>();
            var texts = point.Texts;
            if (!Accepts(point.Type))
            {
                IgnoredPointCount++;
                return;
            }
            if (!UnixTime.IsPlausible(point.UnixTimeMilliseconds))
            {
                ImplausibleTimeCount++;
                return;
            }
            if (point.Type == 1) PositionCount++;
            var row = RowFor(point.SerialNumber ?? "", point.Type, point.Dsi, point.UnixTimeMilliseconds);
            var count = Math.Max(values.Length, texts?.Length ?? 0);
            for (var k = 0; k < count; k++)
            {
                var value = k < values.Length ? values[k] : double.NaN;
                var text = texts != null && k < texts.Length ? texts[k] : null;
                row.Set(ColumnId(point.Type, point.Dsi, k), value, text);
            }
            PointCount++;
            AfterAdd();
        }

        /// <summary>Takes every sample of a block (what Get-IgtimiData -Raw emits).</summary>
        public void Write(IgtimiDataBlock block)
        {
            if (block is null) throw new ArgumentNullException(nameof(block));
            EnsureOpen();
            var times = block.Times ?? Array.Empty<long>();
            if (!Accepts(block.Type))
            {
                IgnoredPointCount += times.Length;
                return;
            }
            var components = block.Components ?? Array.Empty<double[]>();
            var texts = block.Texts;
            var count = Math.Max(components.Length, texts?.Length ?? 0);
            var columns = new int[count];
            for (var k = 0; k < count; k++) columns[k] = ColumnId(block.Type, block.Dsi, k);
            for (var i = 0; i < times.Length; i++)
            {
                if (!UnixTime.IsPlausible(times[i]))
                {
                    ImplausibleTimeCount++;
                    continue;
                }
                if (block.Type == 1) PositionCount++;
                var row = RowFor(block.SerialNumber ?? "", block.Type, block.Dsi, times[i]);
                for (var k = 0; k < count; k++)
                {
                    var value = k < components.Length && components[k] != null && i < components[k].Length ? components[k][i] : double.NaN;
                    var text = texts != null && k < texts.Length && texts[k] != null && i < texts[k].Length ? texts[k][i] : null;
                    row.Set(columns[k], value, text);
                }
                PointCount++;
                AfterAdd();
            }
        }

        /// <summary>Writes the whole document to the output stream and flushes it. Call once, after the last Write.</summary>
        public void Complete(CancellationToken cancellationToken = default)
        {
            EnsureOpen();
            _completed = true;
            var timelines = _timelines.Values.OrderBy(t => t.SerialNumber, StringComparer.Ordinal).ThenBy(t => t.Dsi).ToList();
            WriteDocument(_output, timelines, cancellationToken);
            _output.Flush();
        }

        public void Dispose()
        {
            _spool.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <summary>The type codes this writer keeps (null: every type); samples of others are counted in <see cref="IgnoredPointCount"/>.</summary>
        public abstract IReadOnlyCollection<int>? KeptTypes { get; }

        // ---- for the format writers ----

        internal IgtimiExportOptions Options => _options;

        /// <summary>
        /// The name of a map timeline: the boat's name from <see cref="IgtimiExportOptions.TrackNames"/>, else the serial
        /// number; a second GPS source (DSI ≠ 0) adds " DSI n".
        /// </summary>
        internal string TrackName(ExportTimeline timeline)
        {
            var name = _options.TrackNameOf(timeline.SerialNumber) ?? timeline.SerialNumber;
            return timeline.Dsi == 0 ? name : name + " DSI " + timeline.Dsi.ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>The boat's name of a serial number, or null when none was given.</summary>
        internal string? BoatName(string serialNumber) => _options.TrackNameOf(serialNumber);

        /// <summary>Whether samples of a type belong in this format.</summary>
        internal bool Accepts(int type) => KeptTypes is null || KeptTypes.Contains(type);

        /// <summary>Map formats keep one timeline per device and GPS source; CSV one per device.</summary>
        internal virtual bool SplitsTimelinesByDsi => false;

        internal abstract void WriteDocument(Stream output, IReadOnlyList<ExportTimeline> timelines, CancellationToken cancellationToken);

        /// <summary>The columns seen, in the order ids were given.</summary>
        internal IReadOnlyList<IgtimiExportColumn> Columns => _columns;

        /// <summary>The id of a column, or -1 when no sample had it.</summary>
        internal int FindColumn(int type, int dsi, int component) =>
            _columnIds.TryGetValue(new IgtimiExportColumn(type, dsi, component), out var id) ? id : -1;

        internal IEnumerable<ExportRow> Rows(ExportTimeline timeline, CancellationToken cancellationToken)
        {
            var n = 0;
            foreach (var row in timeline.Rows(_spool))
            {
                if (++n % CancellationCheckInterval == 0) cancellationToken.ThrowIfCancellationRequested();
                yield return row;
            }
        }

        internal static string FormatTime(long unixTimeMilliseconds) =>
            DateTimeOffset.FromUnixTimeMilliseconds(unixTimeMilliseconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        internal static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        /// <summary>A number without exponent notation (xsd:decimal, as GPX needs it).</summary>
        internal static string FormatDecimal(double value)
        {
            var text = FormatNumber(value);
            if (text.IndexOf('E') < 0) return text;
            return Math.Abs(value) < 1e-28 ? "0" : ((decimal)value).ToString(CultureInfo.InvariantCulture);
        }

        internal static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);


        private ExportRow RowFor(string serialNumber, int type, int dsi, long time)
        {
            var timelineDsi = SplitsTimelinesByDsi ? dsi : 0;
            var key = timelineDsi == 0 ? serialNumber : serialNumber + "\u0000" + timelineDsi.ToString(CultureInfo.InvariantCulture);
            if (!_timelines.TryGetValue(key, out var timeline))
            {
                timeline = new ExportTimeline(serialNumber, timelineDsi);
                _timelines.Add(key, timeline);
            }
            var row = timeline.RowAt(time, out var created);
            if (created) _bufferedRows++;
            return row;
        }

        private int ColumnId(int type, int dsi, int component)
        {
            var key = new IgtimiExportColumn(type, dsi, component);
            if (!_columnIds.TryGetValue(key, out var id))
            {
                id = _columns.Count;
                _columns.Add(key);
                _columnIds.Add(key, id);
            }
            return id;
        }

        private void AfterAdd()
        {
            if (_bufferedRows <= _options.MaxBufferedRows) return;
            // Spool the largest buffers until at most half the limit is left in memory.
            var target = _options.MaxBufferedRows / 2;
            foreach (var timeline in _timelines.Values.OrderByDescending(t => t.BufferedRows).ToList())
            {
                if (_bufferedRows <= target) break;
                _bufferedRows -= timeline.Spool(_spool);
            }
        }

        private void EnsureOpen()
        {
            if (_completed) throw new InvalidOperationException("The document was already completed.");
        }
    }
}
