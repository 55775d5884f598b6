using System;
using System.Collections.Generic;
using Igtimi.Client.Data;

namespace Igtimi.Client.Sailing
{
    /// <summary>One channel of one device: sample times (ms since the epoch, ascending) and values.</summary>
    public sealed class IgtimiChannel
    {
        private readonly List<long> _times = new List<long>();
        private readonly List<double> _values = new List<double>();
        private readonly List<double> _second = new List<double>();
        private long[] _t = Array.Empty<long>();
        private double[] _v = Array.Empty<double>();
        private double[] _w = Array.Empty<double>();
        private bool _sealed;

        public IgtimiChannel(bool isAngle)
        {
            IsAngle = isAngle;
        }

        public bool IsAngle { get; }
        public int Count => _sealed ? _t.Length : _times.Count;
        public long[] Times => _t;

        /// <summary>The values (latitudes for positions).</summary>
        public double[] Values => _v;

        /// <summary>Longitudes for positions; empty for other channels.</summary>
        public double[] Second => _w;

        internal void Add(long time, double value, double second = double.NaN)
        {
            if (double.IsNaN(value) || double.IsInfinity(value)) return;
            _times.Add(time);
            _values.Add(value);
            _second.Add(second);
        }

        /// <summary>Fixes the samples in time order (the download brings them sorted per slice; a stable sort handles the rest).</summary>
        internal void Seal()
        {
            _t = _times.ToArray();
            _v = _values.ToArray();
            _w = _second.ToArray();
            var sorted = true;
            for (var i = 1; i < _t.Length && sorted; i++) sorted = _t[i] >= _t[i - 1];
            if (!sorted)
            {
                var order = new int[_t.Length];
                for (var i = 0; i < order.Length; i++) order[i] = i;
                var keys = (long[])_t.Clone();
                Array.Sort(keys, order);
                var v = new double[_v.Length];
                var w = new double[_w.Length];
                for (var i = 0; i < order.Length; i++) { v[i] = _v[order[i]]; w[i] = _w[order[i]]; }
                _t = keys;
                _v = v;
                _w = w;
            }
            _times.Clear();
            _values.Clear();
            _second.Clear();
            _sealed = true;
        }

        /// <summary>
        /// The value at a time, interpolated linearly between the neighbouring samples (angles the short way round);
        /// the nearer sample when only one is within <paramref name="maxGapMs"/>; NaN when none is.
        /// </summary>
        public double At(long time, long maxGapMs) => Interpolate(_v, time, maxGapMs);

        /// <summary>The second component (longitude) at a time, as <see cref="At"/>.</summary>
        public double SecondAt(long time, long maxGapMs) => Interpolate(_w, time, maxGapMs);

        private double Interpolate(double[] values, long time, long maxGapMs)
        {
            var n = _t.Length;
            if (n == 0) return double.NaN;
            var i = Array.BinarySearch(_t, time);
            if (i >= 0) return values[i];
            i = ~i;
            var hasBefore = i > 0 && time - _t[i - 1] <= maxGapMs;
            var hasAfter = i < n && _t[i] - time <= maxGapMs;
            if (hasBefore && hasAfter)
            {
                double a = values[i - 1], b = values[i];
                var f = (double)(time - _t[i - 1]) / (_t[i] - _t[i - 1]);
                return IsAngle ? Angles.Normalize(a + f * GeoMath.AngleDifference(a, b)) : a + f * (b - a);
            }
            if (hasBefore) return values[i - 1];
            if (hasAfter) return values[i];
            return double.NaN;
        }
    }

    /// <summary>
    /// The channels of one device that the sailing metrics use: positions (1), COG (6), heading (8), SOG (9, km/h),
    /// AWA (11) and AWS (12, km/h).
    /// </summary>
    public sealed class IgtimiTrackData
    {
        public static readonly IReadOnlyList<int> Types = new[] { 1, 6, 8, 9, 11, 12 };

        public IgtimiTrackData(string serialNumber)
        {
            SerialNumber = serialNumber;
        }

        public string SerialNumber { get; }
        public IgtimiChannel Positions { get; } = new IgtimiChannel(false);
        public IgtimiChannel Cog { get; } = new IgtimiChannel(true);
        public IgtimiChannel Heading { get; } = new IgtimiChannel(true);
        public IgtimiChannel SogKmh { get; } = new IgtimiChannel(false);
        public IgtimiChannel Awa { get; } = new IgtimiChannel(true);
        public IgtimiChannel AwsKmh { get; } = new IgtimiChannel(false);

        /// <summary>Takes the samples of a block of this device (other types are ignored).</summary>
        public void Add(IgtimiDataBlock block)
        {
            if (block is null) throw new ArgumentNullException(nameof(block));
            var c = block.Components;
            if (c.Length == 0) return;
            var t = block.Times;
            switch (block.Type)
            {
                case 1:
                    if (c.Length < 2) return;
                    for (var i = 0; i < t.Length; i++)
                    {
                        double lon = c[0][i], lat = c[1][i];
                        if (double.IsNaN(lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180) continue;
                        Positions.Add(t[i], lat, lon);
                    }
                    return;
                case 6: AddAll(Cog, t, c[0], angle: true); return;
                case 8: AddAll(Heading, t, c[0], angle: true); return;
                case 9: AddAll(SogKmh, t, c[0], angle: false); return;
                case 11: AddAll(Awa, t, c[0], angle: true); return;
                case 12: AddAll(AwsKmh, t, c[0], angle: false); return;
            }
        }

        /// <summary>Adds one position (tests and hand-made tracks).</summary>
        public void AddPosition(long time, double latitude, double longitude) => Positions.Add(time, latitude, longitude);

        private static void AddAll(IgtimiChannel channel, long[] times, double[] values, bool angle)
        {
            for (var i = 0; i < times.Length; i++)
            {
                var v = values[i];
                if (!angle && v < 0) continue;
                channel.Add(times[i], angle ? Angles.Normalize(v) : v);
            }
        }

        /// <summary>Call once every block is in.</summary>
        public void Seal()
        {
            Positions.Seal();
            Cog.Seal();
            Heading.Seal();
            SogKmh.Seal();
            Awa.Seal();
            AwsKmh.Seal();
        }
    }
}
