using System;
using System.Collections.Generic;
using System.Linq;
using Igtimi.Client.Data;
using Igtimi.Client.Races;

namespace Igtimi.Client.Sailing
{
    /// <summary>A stationary wind station's true wind over time, at its mean position.</summary>
    public sealed class WindStation
    {
        private readonly long[] _times;
        private readonly double[] _east;
        private readonly double[] _north;
        private readonly double[] _speed;

        private WindStation(string serialNumber, double latitude, double longitude, long[] times, double[] east, double[] north, double[] speed)
        {
            SerialNumber = serialNumber;
            Latitude = latitude;
            Longitude = longitude;
            _times = times;
            _east = east;
            _north = north;
            _speed = speed;
        }

        public string SerialNumber { get; }
        public double Latitude { get; }
        public double Longitude { get; }
        public int Count => _times.Length;

        /// <summary>
        /// The station's wind from its AWA and AWS samples: direction = heading + AWA (heading 0, a bow pointing north, when the
        /// station records none), corrected by the station's own motion when it records SOG and COG. Null without wind or positions.
        /// </summary>
        public static WindStation? From(IgtimiTrackData track, long maxGapMs)
        {
            if (track.Awa.Count == 0 || track.AwsKmh.Count == 0 || track.Positions.Count == 0) return null;
            var times = new List<long>(track.Awa.Count);
            var east = new List<double>(track.Awa.Count);
            var north = new List<double>(track.Awa.Count);
            var speed = new List<double>(track.Awa.Count);
            for (var i = 0; i < track.Awa.Count; i++)
            {
                var t = track.Awa.Times[i];
                var aws = track.AwsKmh.At(t, maxGapMs);
                var heading = track.Heading.Count == 0 ? 0 : track.Heading.At(t, maxGapMs);
                var wind = TrueWind.FromApparent(track.Awa.Values[i], aws / IgtimiDataPoint.KmhPerKnot, heading,
                    track.SogKmh.At(t, maxGapMs) / IgtimiDataPoint.KmhPerKnot, track.Cog.At(t, maxGapMs));
                if (!wind.IsKnown) continue;
                times.Add(t);
                east.Add(Math.Sin(wind.DirectionDegrees * Math.PI / 180));
                north.Add(Math.Cos(wind.DirectionDegrees * Math.PI / 180));
                speed.Add(wind.SpeedKnots);
            }
            if (times.Count == 0) return null;
            return new WindStation(track.SerialNumber, track.Positions.Values.Average(), track.Positions.Second.Average(),
                times.ToArray(), east.ToArray(), north.ToArray(), speed.ToArray());
        }

        /// <summary>The wind as unit vector (towards where it comes from) and speed at a time, interpolated linearly; false outside the data.</summary>
        internal bool TryAt(long time, long maxGapMs, out double east, out double north, out double speed)
        {
            east = north = speed = double.NaN;
            var n = _times.Length;
            var i = Array.BinarySearch(_times, time);
            if (i >= 0)
            {
                east = _east[i];
                north = _north[i];
                speed = _speed[i];
                return true;
            }
            i = ~i;
            var before = i > 0 && time - _times[i - 1] <= maxGapMs;
            var after = i < n && _times[i] - time <= maxGapMs;
            if (before && after)
            {
                var f = (double)(time - _times[i - 1]) / (_times[i] - _times[i - 1]);
                east = _east[i - 1] + f * (_east[i] - _east[i - 1]);
                north = _north[i - 1] + f * (_north[i] - _north[i - 1]);
                speed = _speed[i - 1] + f * (_speed[i] - _speed[i - 1]);
                return true;
            }
            var j = before ? i - 1 : after ? i : -1;
            if (j < 0) return false;
            east = _east[j];
            north = _north[j];
            speed = _speed[j];
            return true;
        }
    }

    /// <summary>
    /// The wind over the race area from wind stations, else from the race log's manual wind
    /// (docs/design/sailing-metrics.md section 4).
    /// </summary>
    public sealed class WindField
    {
        /// <summary>Stations closer than this count as this close, so that a boat beside a station does not get an infinite weight.</summary>
        public const double MinimumDistanceMetres = 10;

        private readonly IReadOnlyList<WindStation> _stations;
        private readonly IgtimiManualWind[] _manual;
        private readonly long _maxGapMs;

        public WindField(IReadOnlyList<WindStation> stations, IEnumerable<IgtimiManualWind>? manualWind, long maxGapMs)
        {
            _stations = stations ?? Array.Empty<WindStation>();
            _manual = (manualWind ?? Array.Empty<IgtimiManualWind>())
                // A manual wind without a speed gives no true wind speed, so it is not a wind source here.
                .Where(w => !double.IsNaN(w.DirectionDegrees) && w.SpeedKnots is double speed && !double.IsNaN(speed) && speed >= 0)
                .OrderBy(w => w.Time).ToArray();
            _maxGapMs = maxGapMs;
        }

        public IReadOnlyList<WindStation> Stations => _stations;
        public bool HasManualWind => _manual.Length > 0;
        public bool IsEmpty => _stations.Count == 0 && _manual.Length == 0;

        /// <summary>
        /// The wind at a time and place: the stations with data at that time, weighted by the inverse square of their distance
        /// (directions as unit vectors, speeds as numbers); without any, the manual wind in force; else <see cref="Wind.Unknown"/>.
        /// </summary>
        public Wind At(long time, double latitude, double longitude, out bool fromStations)
        {
            fromStations = false;
            double sumW = 0, sumE = 0, sumN = 0, sumS = 0;
            if (!double.IsNaN(latitude) && !double.IsNaN(longitude))
            {
                for (var k = 0; k < _stations.Count; k++)
                {
                    var s = _stations[k];
                    if (!s.TryAt(time, _maxGapMs, out var e, out var n, out var v)) continue;
                    var d = Math.Max(MinimumDistanceMetres, GeoMath.Distance(latitude, longitude, s.Latitude, s.Longitude));
                    var w = 1 / (d * d);
                    sumW += w;
                    sumE += w * e;
                    sumN += w * n;
                    sumS += w * v;
                }
            }
            if (sumW > 0 && (Math.Abs(sumE) > 1e-12 || Math.Abs(sumN) > 1e-12))
            {
                fromStations = true;
                return new Wind(Angles.Normalize(Math.Atan2(sumE, sumN) * 180 / Math.PI), sumS / sumW);
            }
            return Manual(time);
        }

        /// <summary>The manual wind in force at a time: the last entry at or before it, else the first entry.</summary>
        public Wind Manual(long time)
        {
            if (_manual.Length == 0) return Wind.Unknown;
            var chosen = _manual[0];
            foreach (var m in _manual)
            {
                if (m.Time.ToUnixTimeMilliseconds() <= time) chosen = m;
                else break;
            }
            return new Wind(Angles.Normalize(chosen.DirectionDegrees), chosen.SpeedKnots!.Value);
        }
    }
}
