using System;
using System.Collections.Generic;
using Igtimi.Client.Http;
using Igtimi.Client.Models;

namespace Igtimi.Client.Data
{
    /// <summary>
    /// One device × type (× DSI) block of packed data, as columns: the times and one array per
    /// component. This is what -Raw emits, and what points are cut from.
    /// </summary>
    public sealed class IgtimiDataBlock
    {
        public IgtimiDataBlock(string serialNumber, int type, int dsi, long[] times, double[][] components, string?[][]? texts = null)
        {
            SerialNumber = serialNumber;
            Type = type;
            Dsi = dsi;
            Times = times;
            Components = components;
            Texts = texts;
            _count = times.Length;
        }

        /// <summary>A borrowed block: its arrays are pooled and may be longer than <paramref name="count"/>.</summary>
        internal IgtimiDataBlock(string serialNumber, int type, int dsi, long[] times, double[][] components, int count, Action returnBuffers)
            : this(serialNumber, type, dsi, times, components)
        {
            _count = count;
            _returnBuffers = returnBuffers;
        }

        private readonly int _count;
        private Action? _returnBuffers;
        // The kind of every point of the block (one catalogue lookup per block, not per point).
        private IgtimiValueKind? _kind;

        public string SerialNumber { get; }
        public int Type { get; }
        public string TypeName => IgtimiDataTypeCatalog.Get(Type).Name;
        public int Dsi { get; }

        /// <summary>Sample times, ms since the epoch (UTC), ascending.</summary>
        public long[] Times { get; }

        /// <summary>Components[k][i] is component k+1 of sample i; NaN where the server sent null or text.</summary>
        public double[][] Components { get; }

        /// <summary>Text values by component and sample, for components that held text (else null).</summary>
        public string?[][]? Texts { get; }

        /// <summary>The samples: the arrays' lengths, except in a borrowed block (see <see cref="Api.IgtimiDataSlice.BlocksAreBorrowed"/>).</summary>
        public int Count => _count;

        public DateTimeOffset? Start => _count == 0 ? (DateTimeOffset?)null : UnixTime.FromMilliseconds(Times[0]);
        public DateTimeOffset? End => _count == 0 ? (DateTimeOffset?)null : UnixTime.FromMilliseconds(Times[_count - 1]);

        /// <summary>Gives a borrowed block's arrays back to their pool, once its consumer is done; nothing for other blocks.</summary>
        internal void ReturnBorrowedBuffers()
        {
            var returnBuffers = _returnBuffers;
            _returnBuffers = null;
            returnBuffers?.Invoke();
        }

        /// <summary>The boat the device sailed in, when the data came for a race (Get-IgtimiRace | Get-IgtimiData); else null.</summary>
        public string? BoatName { get; set; }

        /// <summary>The key the API used: "1" or "13:201".</summary>
        public string Key => Dsi == 0 ? Type.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Type}:{Dsi}";

        [System.Runtime.CompilerServices.MethodImpl(PackedDataReader.HotPath)]
        public IgtimiDataPoint PointAt(int index)
        {
            var values = new double[Components.Length];
            for (var k = 0; k < values.Length; k++) values[k] = Components[k][index];
            string?[]? texts = null;
            if (Texts != null)
            {
                texts = new string?[Texts.Length];
                for (var k = 0; k < texts.Length; k++) texts[k] = Texts[k]?[index];
            }
            var kind = _kind ??= IgtimiDataTypeCatalog.KindOf(Type);
            var point = IgtimiDataPoints.Create(SerialNumber, Type, kind, Dsi, Times[index], values, texts);
            point.BoatName = BoatName;
            return point;
        }

        public IEnumerable<IgtimiDataPoint> Points()
        {
            for (var i = 0; i < _count; i++) yield return PointAt(i);
        }

        public override string ToString() => $"{SerialNumber} {Key} ({TypeName}): {Count} samples";
    }
}
