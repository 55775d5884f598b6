using System;
using Igtimi.Client.Data;
using Igtimi.Client.Models;

namespace Igtimi.Client.Archive
{
    /// <summary>
    /// Column buffers of one archive file's rows (one serial number): what a row group of the file holds. Blocks are
    /// appended straight into the columns; no object per point is made.
    /// </summary>
    public sealed class IgtimiArchiveRows
    {
        /// <summary>Raw components kept per row (c1..c4); a block with more cannot be archived.</summary>
        public const int MaxComponents = 4;

        public IgtimiArchiveRows(string serialNumber, int capacity)
        {
            SerialNumber = serialNumber;
            Capacity = capacity;
            Times = new long[capacity];
            Types = new int[capacity];
            Dsis = new int[capacity];
            ComponentCounts = new int[capacity];
            Latitude = new double?[capacity];
            Longitude = new double?[capacity];
            SpeedKmh = new double?[capacity];
            SpeedKnots = new double?[capacity];
            AngleDegrees = new double?[capacity];
            Value = new double?[capacity];
            Components = new double?[MaxComponents][];
            Texts = new string?[MaxComponents][];
            for (var k = 0; k < MaxComponents; k++)
            {
                Components[k] = new double?[capacity];
                Texts[k] = new string?[capacity];
            }
        }

        public string SerialNumber { get; }
        public int Capacity { get; }
        public int Count { get; private set; }
        public bool IsFull => Count == Capacity;

        /// <summary>ms since the epoch, UTC.</summary>
        public long[] Times { get; }
        public int[] Types { get; }
        public int[] Dsis { get; }
        public int[] ComponentCounts { get; }
        public double?[] Latitude { get; }
        public double?[] Longitude { get; }
        public double?[] SpeedKmh { get; }
        public double?[] SpeedKnots { get; }
        public double?[] AngleDegrees { get; }
        public double?[] Value { get; }

        /// <summary>Components[k][i]: raw component k+1 of row i; null where the server sent null or text.</summary>
        public double?[][] Components { get; }

        /// <summary>Texts[k][i]: the text of component k+1 of row i, where it held text.</summary>
        public string?[][] Texts { get; }

        public void Clear()
        {
            // Strings are dropped so a reused buffer holds no stale references.
            for (var k = 0; k < MaxComponents; k++) Array.Clear(Texts[k], 0, Count);
            Count = 0;
        }

        /// <summary>Sets the row count after a reader filled the columns directly.</summary>
        public void SetCount(int count)
        {
            if (count < 0 || count > Capacity) throw new ArgumentOutOfRangeException(nameof(count));
            Count = count;
        }

        /// <summary>Appends rows [from, from + count) of a block; returns how many fitted.</summary>
        public int Append(IgtimiDataBlock block, int from, int count)
        {
            var n = Math.Min(count, Capacity - Count);
            var components = block.Components.Length;
            if (components > MaxComponents)
                throw new InvalidOperationException(
                    $"{block.SerialNumber} type {block.Key} has {components} components; the archive keeps at most {MaxComponents}.");
            var kind = IgtimiDataTypeCatalog.KindOf(block.Type);
            for (var j = 0; j < n; j++)
            {
                var i = from + j;
                var r = Count + j;
                Times[r] = block.Times[i];
                Types[r] = block.Type;
                Dsis[r] = block.Dsi;
                ComponentCounts[r] = components;
                for (var k = 0; k < MaxComponents; k++)
                {
                    Components[k][r] = k < components ? Nullable(block.Components[k][i]) : null;
                    Texts[k][r] = block.Texts != null && k < block.Texts.Length ? block.Texts[k]?[i] : null;
                }
                double? lat = null, lon = null, kmh = null, knots = null, deg = null, value = null;
                switch (kind)
                {
                    case IgtimiValueKind.Position:
                        lon = Components[0][r];
                        lat = Components[1][r];
                        break;
                    case IgtimiValueKind.Speed:
                        kmh = Components[0][r];
                        knots = kmh / IgtimiDataPoint.KmhPerKnot;
                        break;
                    case IgtimiValueKind.Angle:
                        deg = Components[0][r];
                        break;
                    case IgtimiValueKind.HeartRate:
                        value = Components[2][r];
                        break;
                    case IgtimiValueKind.Value:
                        value = Components[0][r];
                        break;
                }
                Latitude[r] = lat;
                Longitude[r] = lon;
                SpeedKmh[r] = kmh;
                SpeedKnots[r] = knots;
                AngleDegrees[r] = deg;
                Value[r] = value;
            }
            Count += n;
            return n;
        }

        private static double? Nullable(double value) => double.IsNaN(value) ? (double?)null : value;
    }
}
