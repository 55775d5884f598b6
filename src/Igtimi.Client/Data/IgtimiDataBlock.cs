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
        }

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

        public int Count => Times.Length;

        public DateTimeOffset? Start => Times.Length == 0 ? (DateTimeOffset?)null : UnixTime.FromMilliseconds(Times[0]);
        public DateTimeOffset? End => Times.Length == 0 ? (DateTimeOffset?)null : UnixTime.FromMilliseconds(Times[Times.Length - 1]);

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
            var point = IgtimiDataPoints.Create(SerialNumber, Type, Dsi, Times[index], values, texts);
            point.BoatName = BoatName;
            return point;
        }

        public IEnumerable<IgtimiDataPoint> Points()
        {
            for (var i = 0; i < Times.Length; i++) yield return PointAt(i);
        }

        public override string ToString() => $"{SerialNumber} {Key} ({TypeName}): {Count} samples";
    }
}
