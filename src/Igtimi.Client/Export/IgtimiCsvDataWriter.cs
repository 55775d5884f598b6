using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Igtimi.Client.Data;
using Igtimi.Client.Models;

namespace Igtimi.Client.Export
{
    /// <summary>
    /// CSV, wide layout: one row per device and timestamp (devices by serial number, rows in time order),
    /// the columns SerialNumber, Timestamp, Latitude, Longitude, then one column per value seen, by type
    /// code, DSI and component: speeds as NAME_kmh and NAME_knots, angles as NAME_deg, heart rate as
    /// HeartRate_bpm (with HeartRate_beat_count and HeartRate_event_time_ms), other known types by their
    /// catalogue name and unit, unknown types as typeNN_c1…; a DSI other than 0 adds _dsiN. Invariant
    /// culture, RFC 4180 quoting, CRLF line ends, UTF-8 without BOM, ISO-8601 UTC timestamps with
    /// milliseconds; NaN is an empty cell, text values are written as text.
    /// The header can only be written once every column is known, so rows are spooled (see
    /// <see cref="IgtimiDataWriter"/>) and the file is assembled at Complete: header first, then the rows.
    /// </summary>
    public sealed class IgtimiCsvDataWriter : IgtimiDataWriter
    {
        public IgtimiCsvDataWriter(Stream output, IgtimiExportOptions? options = null) : base(output, options) { }

        public override IgtimiExportFormat Format => IgtimiExportFormat.Csv;

        public override IReadOnlyCollection<int>? KeptTypes => null;

        /// <summary>The fixed leading columns.</summary>
        public static readonly IReadOnlyList<string> FixedColumns = new[] { "SerialNumber", "Timestamp", "Latitude", "Longitude" };

        /// <summary>The CSV header names of one value column (a speed gives two: km/h and knots).</summary>
        public static IReadOnlyList<string> ColumnNames(IgtimiExportColumn column)
        {
            var suffix = column.Dsi == 0 ? "" : "_dsi" + column.Dsi.ToString(CultureInfo.InvariantCulture);
            return NamesWithoutDsi(column).Select(n => n + suffix).ToArray();
        }

        private static IEnumerable<string> NamesWithoutDsi(IgtimiExportColumn column)
        {
            var k = column.Component;
            switch (IgtimiDataTypeCatalog.KindOf(column.Type))
            {
                case IgtimiValueKind.Position when k == 0: return new[] { "Longitude" };
                case IgtimiValueKind.Position when k == 1: return new[] { "Latitude" };
                case IgtimiValueKind.Speed when k == 0:
                    var speed = Abbreviation(column.Type);
                    return new[] { speed + "_kmh", speed + "_knots" };
                case IgtimiValueKind.Angle when k == 0:
                    return new[] { Abbreviation(column.Type) + "_deg" };
                case IgtimiValueKind.HeartRate when k == 0: return new[] { "HeartRate_event_time_ms" };
                case IgtimiValueKind.HeartRate when k == 1: return new[] { "HeartRate_beat_count" };
                case IgtimiValueKind.HeartRate when k == 2: return new[] { "HeartRate_bpm" };
            }
            var type = IgtimiDataTypeCatalog.Get(column.Type);
            if (!type.IsKnown || k >= type.Components.Count)
                return new[] { "type" + column.Type.ToString(CultureInfo.InvariantCulture) + "_c" + (k + 1).ToString(CultureInfo.InvariantCulture) };
            var component = type.Components[k];
            var name = type.Components.Count == 1 ? type.Name : type.Name + "_" + component.Name;
            var unit = UnitSuffix(component.Unit);
            return new[] { unit.Length == 0 ? name : name + "_" + unit };
        }

        private static string Abbreviation(int type) => IgtimiDataTypeCatalog.Get(type).Name.ToUpperInvariant();

        private static string UnitSuffix(string? unit)
        {
            if (string.IsNullOrEmpty(unit)) return "";
            switch (unit)
            {
                case "%": return "pct";
                case "km/h": return "kmh";
                case "m/s²": return "m_s2";
                case "deg/s": return "deg_s";
                case "N·m": return "Nm";
            }
            var sb = new StringBuilder();
            foreach (var c in unit!) sb.Append(c < 128 && char.IsLetterOrDigit(c) ? c : '_');
            return sb.ToString();
        }

        internal override void WriteDocument(Stream output, IReadOnlyList<ExportTimeline> timelines, CancellationToken cancellationToken)
        {
            // Header layout: fixed columns, then value columns sorted by type, DSI, component.
            var latitude = FindColumn(1, 0, 1);
            var longitude = FindColumn(1, 0, 0);
            var extra = Columns
                .Select((column, id) => (column, id))
                .Where(c => c.id != latitude && c.id != longitude)
                .OrderBy(c => c.column)
                .ToList();

            using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
            var header = new List<string>(FixedColumns);
            foreach (var (column, _) in extra) header.AddRange(ColumnNames(column));
            writer.Write(string.Join(",", header.Select(Quote)));
            writer.Write("\r\n");

            // Scratch slots by column id, filled per row from the row's few cells.
            var values = new double[Columns.Count];
            var texts = new string?[Columns.Count];
            var present = new bool[Columns.Count];
            foreach (var timeline in timelines)
            {
                var serial = Quote(timeline.SerialNumber);
                foreach (var row in Rows(timeline, cancellationToken))
                {
                    for (var i = 0; i < row.Count; i++)
                    {
                        var cell = row[i];
                        values[cell.Column] = cell.Value;
                        texts[cell.Column] = cell.Text;
                        present[cell.Column] = true;
                    }

                    writer.Write(serial);
                    writer.Write(',');
                    writer.Write(FormatTime(row.Time));
                    writer.Write(',');
                    WriteCell(writer, latitude, values, texts, present, 1);
                    writer.Write(',');
                    WriteCell(writer, longitude, values, texts, present, 1);
                    foreach (var (column, id) in extra)
                    {
                        writer.Write(',');
                        if (IsSpeed(column))
                        {
                            WriteCell(writer, id, values, texts, present, 1);
                            writer.Write(',');
                            WriteCell(writer, id, values, texts, present, IgtimiDataPoint.KmhPerKnot);
                        }
                        else WriteCell(writer, id, values, texts, present, 1);
                    }
                    writer.Write("\r\n");

                    for (var i = 0; i < row.Count; i++)
                    {
                        var c = row[i].Column;
                        present[c] = false;
                        texts[c] = null;
                    }
                }
            }
            writer.Flush();
        }

        private static bool IsSpeed(IgtimiExportColumn column) =>
            column.Component == 0 && IgtimiDataTypeCatalog.KindOf(column.Type) == IgtimiValueKind.Speed;

        private static void WriteCell(TextWriter writer, int id, double[] values, string?[] texts, bool[] present, double divisor)
        {
            if (id < 0 || !present[id]) return;
            var text = texts[id];
            if (text != null)
            {
                if (divisor == 1) writer.Write(Quote(text));
                return;
            }
            var value = values[id];
            if (!IsFinite(value)) return;
            writer.Write(FormatNumber(divisor == 1 ? value : value / divisor));
        }

        private static readonly char[] QuotedCharacters = { ',', '"', '\r', '\n' };

        /// <summary>RFC 4180: a field with a comma, quote, CR or LF is quoted, quotes doubled.</summary>
        public static string Quote(string field)
        {
            if (field.IndexOfAny(QuotedCharacters) < 0) return field;
            return "\"" + field.Replace("\"", "\"\"") + "\"";
        }
    }
}
