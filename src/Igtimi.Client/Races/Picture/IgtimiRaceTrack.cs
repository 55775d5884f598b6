using System;
using System.Collections.Generic;
using System.Linq;
using Igtimi.Client.Data;

namespace Igtimi.Client.Races.Picture
{
    /// <summary>
    /// One boat's data for the picture: positions in time order, with SOG and COG aligned to them (NaN where the boat has
    /// none at that time) and an optional VMG series (knots, positive towards the wind) from a metrics engine.
    /// </summary>
    public sealed class IgtimiRaceTrack
    {
        public IgtimiRaceTrack(IgtimiRaceBoat boat, long[] times, double[] latitudes, double[] longitudes, double[]? sogKnots = null,
            double[]? cogDegrees = null, double[]? vmgKnots = null)
        {
            Boat = boat ?? throw new ArgumentNullException(nameof(boat));
            Times = times ?? throw new ArgumentNullException(nameof(times));
            Latitudes = latitudes ?? throw new ArgumentNullException(nameof(latitudes));
            Longitudes = longitudes ?? throw new ArgumentNullException(nameof(longitudes));
            SogKnots = sogKnots ?? Filled(times.Length);
            CogDegrees = cogDegrees ?? Filled(times.Length);
            VmgKnots = vmgKnots;
            if (latitudes.Length != times.Length || longitudes.Length != times.Length || SogKnots.Length != times.Length ||
                CogDegrees.Length != times.Length || (vmgKnots != null && vmgKnots.Length != times.Length))
                throw new ArgumentException("Every column of a track must have one value per time.");
            for (var i = 1; i < times.Length; i++)
                if (times[i] <= times[i - 1]) throw new ArgumentException("The times of a track must increase.", nameof(times));
        }

        /// <summary>The type code of positions (gps_latlong), without which a boat has no track.</summary>
        public const int PositionType = 1;

        /// <summary>The data types a track is built from: positions (1), COG (6) and SOG (9).</summary>
        public static IReadOnlyList<int> DataTypes { get; } = new[] { PositionType, 6, 9 };

        public IgtimiRaceBoat Boat { get; }

        /// <summary>Unix milliseconds, increasing.</summary>
        public long[] Times { get; }

        public double[] Latitudes { get; }
        public double[] Longitudes { get; }
        public double[] SogKnots { get; }
        public double[] CogDegrees { get; }

        /// <summary>VMG in knots by position (positive towards the wind, negative away from it), or null when not known.</summary>
        public double[]? VmgKnots { get; }

        public int Count => Times.Length;

        private static double[] Filled(int n)
        {
            var a = new double[n];
            for (var i = 0; i < n; i++) a[i] = double.NaN;
            return a;
        }

        /// <summary>
        /// A track from downloaded blocks of one boat: positions (type 1) with a finite latitude and longitude, each with the
        /// SOG (type 9) and COG (type 6) sample of the same time, or else the nearest one within <paramref name="tolerance"/>.
        /// Positions outside [<paramref name="start"/>, <paramref name="end"/>] are left out; of two positions with the same
        /// time the later one wins.
        /// </summary>
        public static IgtimiRaceTrack FromBlocks(IgtimiRaceBoat boat, IEnumerable<IgtimiDataBlock> blocks, long start, long end, long tolerance = 1500)
        {
            var positions = new SortedDictionary<long, (double Lat, double Lon)>();
            var sog = new SortedList<long, double>();
            var cog = new SortedList<long, double>();
            foreach (var block in blocks)
            {
                if (block.Dsi != 0) continue;
                for (var i = 0; i < block.Count; i++)
                {
                    var t = block.Times[i];
                    if (t < start || t > end) continue;
                    switch (block.Type)
                    {
                        case 1:
                            if (block.Components.Length < 2) break;
                            double lon = block.Components[0][i], lat = block.Components[1][i];
                            if (IsFinite(lat) && IsFinite(lon) && Math.Abs(lat) <= 90 && Math.Abs(lon) <= 180) positions[t] = (lat, lon);
                            break;
                        case 9:
                            var kmh = block.Components.Length > 0 ? block.Components[0][i] : double.NaN;
                            if (IsFinite(kmh)) sog[t] = kmh / IgtimiDataPoint.KmhPerKnot;
                            break;
                        case 6:
                            var deg = block.Components.Length > 0 ? block.Components[0][i] : double.NaN;
                            if (IsFinite(deg)) cog[t] = Angles.Normalize(deg);
                            break;
                    }
                }
            }
            var times = positions.Keys.ToArray();
            var lats = positions.Values.Select(p => p.Lat).ToArray();
            var lons = positions.Values.Select(p => p.Lon).ToArray();
            return new IgtimiRaceTrack(boat, times, lats, lons, Align(times, sog, tolerance), Align(times, cog, tolerance));
        }

        private static double[] Align(long[] times, SortedList<long, double> samples, long tolerance)
        {
            var result = new double[times.Length];
            var keys = samples.Keys;
            var j = 0;
            for (var i = 0; i < times.Length; i++)
            {
                result[i] = double.NaN;
                while (j + 1 < keys.Count && keys[j + 1] <= times[i]) j++;
                var best = -1;
                long gap = long.MaxValue;
                for (var k = j; k <= j + 1 && k < keys.Count; k++)
                {
                    var d = Math.Abs(keys[k] - times[i]);
                    if (d < gap) { gap = d; best = k; }
                }
                if (best >= 0 && gap <= tolerance) result[i] = samples.Values[best];
            }
            return result;
        }

        internal static bool IsFinite(double v) => !double.IsNaN(v) && !double.IsInfinity(v);
    }
}
