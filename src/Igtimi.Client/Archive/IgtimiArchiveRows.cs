using System;
using System.Collections.Generic;
using Igtimi.Client.Data;
using Igtimi.Client.Models;

namespace Igtimi.Client.Archive
{
    /// <summary>
    /// Column buffers of one archive file's rows (one serial number): what a row group of the file holds. Blocks are
    /// copied in column by column; no object per point is made. A component column is NaN where the row has no value
    /// (JSON null or text), which the file stores as null; a column no row of the buffer ever had a value in is never
    /// allocated (null). Type, DSI and component count are kept as runs, as they change only from block to block.
    /// The typed value columns (latitude, speed in knots, …) are not stored: they are the components of the rows'
    /// value kind, which <see cref="TypedColumn"/> gives.
    /// </summary>
    public sealed class IgtimiArchiveRows
    {
        /// <summary>Raw components kept per row (c1..c4); a block with more cannot be archived.</summary>
        public const int MaxComponents = 4;

        private readonly List<RowRun> _runs = new List<RowRun>();

        public IgtimiArchiveRows(string serialNumber, int capacity)
        {
            if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity));
            SerialNumber = serialNumber;
            Capacity = capacity;
            Times = new long[capacity];
        }

        public string SerialNumber { get; private set; }
        public int Capacity { get; }
        public int Count { get; private set; }
        public bool IsFull => Count == Capacity;

        /// <summary>ms since the epoch, UTC.</summary>
        public long[] Times { get; }

        /// <summary>Runs of rows with one type, DSI and component count, in row order; their lengths add up to Count.</summary>
        public IReadOnlyList<RowRun> Runs => _runs;

        /// <summary>Components[k][i]: raw component k+1 of row i; NaN where the server sent null or text.</summary>
        public double[]?[] Components { get; } = new double[]?[MaxComponents];

        /// <summary>Texts[k][i]: the text of component k+1 of row i, where it held text.</summary>
        public string?[]?[] Texts { get; } = new string?[]?[MaxComponents];

        public void Clear()
        {
            // Strings are dropped so a reused buffer holds no stale references.
            foreach (var texts in Texts)
                if (texts != null) Array.Clear(texts, 0, Count);
            _runs.Clear();
            Count = 0;
        }

        /// <summary>Empties the buffer for the rows of another file, keeping its arrays.</summary>
        public void Reuse(string serialNumber)
        {
            Clear();
            SerialNumber = serialNumber;
        }

        /// <summary>Sets the rows a reader filled into the columns directly: the count and their type runs.</summary>
        public void SetRows(int count, IEnumerable<RowRun> runs)
        {
            if (count < 0 || count > Capacity) throw new ArgumentOutOfRangeException(nameof(count));
            _runs.Clear();
            var total = 0;
            foreach (var run in runs)
            {
                AddRun(run.Type, run.Dsi, run.Width, run.Count);
                total += run.Count;
            }
            if (total != count) throw new ArgumentException($"The runs hold {total} rows, not {count}.", nameof(runs));
            Count = count;
        }

        /// <summary>Component column k, allocated (NaN for the rows before) on first use; for readers filling a buffer.</summary>
        public double[] ComponentColumn(int k) => Ensure(ref Components[k]);

        /// <summary>Text column k, allocated on first use; for readers filling a buffer.</summary>
        public string?[] TextColumn(int k) => Texts[k] ??= new string?[Capacity];

        /// <summary>
        /// The component a typed column shows and the divisor to apply (knots are km/h / 1.852), for the rows' value kind;
        /// null where the column does not apply to these rows (a position's speed) or they have no such component.
        /// </summary>
        public (double[]? Values, double Divisor) TypedColumn(string name)
        {
            var kind = KindOfRows();
            int component;
            var divisor = 1.0;
            switch (name)
            {
                case IgtimiArchiveSchema.Longitude when kind == IgtimiValueKind.Position: component = 0; break;
                case IgtimiArchiveSchema.Latitude when kind == IgtimiValueKind.Position: component = 1; break;
                case IgtimiArchiveSchema.SpeedKmh when kind == IgtimiValueKind.Speed: component = 0; break;
                case IgtimiArchiveSchema.SpeedKnots when kind == IgtimiValueKind.Speed:
                    component = 0;
                    divisor = IgtimiDataPoint.KmhPerKnot;
                    break;
                case IgtimiArchiveSchema.AngleDegrees when kind == IgtimiValueKind.Angle: component = 0; break;
                case IgtimiArchiveSchema.Value when kind == IgtimiValueKind.HeartRate: component = 2; break;
                case IgtimiArchiveSchema.Value when kind == IgtimiValueKind.Value: component = 0; break;
                default: return (null, 1);
            }
            return (Components[component], divisor);
        }

        /// <summary>Appends rows [from, from + count) of a block; returns how many fitted.</summary>
        public int Append(IgtimiDataBlock block, int from, int count)
        {
            var n = Math.Min(count, Capacity - Count);
            if (n <= 0) return 0;
            var width = block.Components.Length;
            if (width > MaxComponents)
                throw new InvalidOperationException(
                    $"{block.SerialNumber} type {block.Key} has {width} components; the archive keeps at most {MaxComponents}.");
            var kind = IgtimiDataTypeCatalog.KindOf(block.Type);
            if (_runs.Count > 0 && IgtimiDataTypeCatalog.KindOf(_runs[0].Type) != kind)
                throw new InvalidOperationException($"Rows of {kind} values cannot join a buffer of {IgtimiDataTypeCatalog.KindOf(_runs[0].Type)} values.");
            var at = Count;
            Array.Copy(block.Times, from, Times, at, n);
            AddRun(block.Type, block.Dsi, width, n);
            for (var k = 0; k < MaxComponents; k++)
            {
                if (k < width) Array.Copy(block.Components[k], from, Ensure(ref Components[k]), at, n);
                else Components[k]?.AsSpan(at, n).Fill(double.NaN);
                var texts = block.Texts != null && k < block.Texts.Length ? block.Texts[k] : null;
                if (texts != null) Array.Copy(texts, from, TextColumn(k), at, n);
                else if (Texts[k] != null) Array.Clear(Texts[k]!, at, n);
            }
            Count += n;
            return n;
        }

        /// <summary>The one value kind of all rows (a buffer is one family's, and <see cref="Append"/> keeps it so).</summary>
        private IgtimiValueKind KindOfRows() => _runs.Count == 0 ? IgtimiValueKind.Other : IgtimiDataTypeCatalog.KindOf(_runs[0].Type);

        private void AddRun(int type, int dsi, int width, int count)
        {
            var last = _runs.Count - 1;
            if (last >= 0 && _runs[last].Type == type && _runs[last].Dsi == dsi && _runs[last].Width == width)
                _runs[last] = new RowRun(type, dsi, width, _runs[last].Count + count);
            else _runs.Add(new RowRun(type, dsi, width, count));
        }

        private double[] Ensure(ref double[]? column)
        {
            if (column == null)
            {
                column = new double[Capacity];
                column.AsSpan(0, Count).Fill(double.NaN);
            }
            return column;
        }
    }

    /// <summary>Consecutive rows of one type, DSI and component count.</summary>
    public readonly struct RowRun
    {
        public RowRun(int type, int dsi, int width, int count)
        {
            Type = type;
            Dsi = dsi;
            Width = width;
            Count = count;
        }

        public int Type { get; }
        public int Dsi { get; }
        public int Width { get; }
        public int Count { get; }
    }
}
