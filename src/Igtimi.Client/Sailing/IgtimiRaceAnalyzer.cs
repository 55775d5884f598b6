using System;
using System.Collections.Generic;
using System.Linq;
using Igtimi.Client.Data;
using Igtimi.Client.Http;
using Igtimi.Client.Races;

namespace Igtimi.Client.Sailing
{
    /// <summary>Settings of the race metrics (docs/design/sailing-metrics.md).</summary>
    public sealed class IgtimiRaceAnalysisOptions
    {
        /// <summary>A boat passes a mark when it comes this close (to a gate or line: to the segment between its marks).</summary>
        public double RoundingRadiusMetres { get; set; } = 50;

        /// <summary>Samples of different channels further apart than this are not combined; wind stations' samples neither.</summary>
        public TimeSpan MaxGap { get; set; } = TimeSpan.FromSeconds(10);

        public double TackHysteresisDegrees { get; set; } = 15;
        public TimeSpan ManoeuvreSettleTime { get; set; } = TimeSpan.FromSeconds(10);
        public double PolarTwaBinDegrees { get; set; } = 10;
        public double PolarTwsBinKnots { get; set; } = 2;

        /// <summary>A device that records AWA and AWS and whose fixes all lie within this of their mean is a wind station, not a boat.</summary>
        public double StationaryRadiusMetres { get; set; } = 100;
    }

    /// <summary>The true wind a boat sailed in, sample by sample (the boat's heading or COG clock).</summary>
    public sealed class IgtimiTrueWindSeries
    {
        public IgtimiTrueWindSeries(string serialNumber, long[] times, double[] directionDegrees, double[] speedKnots, double[] angleDegrees)
        {
            SerialNumber = serialNumber;
            Times = times;
            DirectionDegrees = directionDegrees;
            SpeedKnots = speedKnots;
            AngleDegrees = angleDegrees;
        }

        public string SerialNumber { get; }
        public long[] Times { get; }
        public double[] DirectionDegrees { get; }
        public double[] SpeedKnots { get; }

        /// <summary>Signed true wind angle, (−180, 180], positive on starboard.</summary>
        public double[] AngleDegrees { get; }

        /// <summary>The series as data points of the catalogue's types 22 (twd) and 23 (tws, km/h), in time order, for export.</summary>
        public IEnumerable<IgtimiDataPoint> Points()
        {
            for (var i = 0; i < Times.Length; i++)
            {
                if (double.IsNaN(DirectionDegrees[i]) || double.IsNaN(SpeedKnots[i])) continue;
                yield return new IgtimiAnglePoint(SerialNumber, 22, 0, Times[i], new[] { DirectionDegrees[i] });
                yield return new IgtimiSpeedPoint(SerialNumber, 23, 0, Times[i], new[] { SpeedKnots[i] * IgtimiDataPoint.KmhPerKnot });
            }
        }
    }

    /// <summary>The result of measuring a race: a summary per boat (ranked) and the true wind each boat sailed in.</summary>
    public sealed class IgtimiRaceAnalysis
    {
        public IgtimiRaceAnalysis(IReadOnlyList<IgtimiBoatSummary> summaries, IReadOnlyList<IgtimiTrueWindSeries> trueWind, IReadOnlyList<string> windStations)
        {
            Summaries = summaries;
            TrueWind = trueWind;
            WindStations = windStations;
        }

        public IReadOnlyList<IgtimiBoatSummary> Summaries { get; }
        public IReadOnlyList<IgtimiTrueWindSeries> TrueWind { get; }
        public IReadOnlyList<string> WindStations { get; }
    }

    /// <summary>Computes the race metrics from the devices' tracks; no I/O. Missing input gives warnings and nulls, never made-up numbers.</summary>
    public sealed class IgtimiRaceAnalyzer
    {
        private readonly IgtimiRaceAnalysisOptions _options;
        private readonly Action<string> _warn;

        public IgtimiRaceAnalyzer(IgtimiRaceAnalysisOptions? options = null, Action<string>? warning = null)
        {
            _options = options ?? new IgtimiRaceAnalysisOptions();
            _warn = warning ?? (_ => { });
        }

        /// <summary>True for a track that records wind and does not move: a wind station.</summary>
        public bool IsStationary(IgtimiTrackData track)
        {
            if (track.Awa.Count == 0 || track.AwsKmh.Count == 0 || track.Positions.Count == 0) return false;
            double lat = track.Positions.Values.Average(), lon = track.Positions.Second.Average();
            for (var i = 0; i < track.Positions.Count; i++)
                if (GeoMath.Distance(lat, lon, track.Positions.Values[i], track.Positions.Second[i]) > _options.StationaryRadiusMetres) return false;
            return true;
        }

        /// <param name="race">The race: window, boats, marks, course, manual wind.</param>
        /// <param name="tracks">The sealed tracks by serial number (boats and wind stations).</param>
        /// <param name="windStations">The serial numbers of the wind stations among the tracks.</param>
        public IgtimiRaceAnalysis Analyze(IgtimiRace race, IReadOnlyDictionary<string, IgtimiTrackData> tracks, IEnumerable<string> windStations)
        {
            if (race is null) throw new ArgumentNullException(nameof(race));
            if (tracks is null) throw new ArgumentNullException(nameof(tracks));
            var gap = (long)_options.MaxGap.TotalMilliseconds;
            var stationSerials = new HashSet<string>(windStations ?? Array.Empty<string>(), StringComparer.OrdinalIgnoreCase);
            var stations = new List<WindStation>();
            foreach (var serial in stationSerials.OrderBy(s => s, StringComparer.Ordinal))
            {
                var station = tracks.TryGetValue(serial, out var track) ? WindStation.From(track, gap) : null;
                if (station is null)
                    _warn($"{race.Name}: the wind station {serial} gave no wind (AWA, AWS and a position) in the race window; it is left out.");
                else stations.Add(station);
            }
            var field = new WindField(stations, race.ManualWind, gap);
            var course = ResolveCourse(race);
            var startLine = ResolveStartLine(race);

            var summaries = new List<IgtimiBoatSummary>();
            var winds = new List<IgtimiTrueWindSeries>();
            foreach (var boat in race.Boats)
            {
                if (stationSerials.Contains(boat.SerialNumber)) continue;
                tracks.TryGetValue(boat.SerialNumber, out var track);
                var (summary, wind) = AnalyzeBoat(race, boat, track ?? Empty(boat.SerialNumber), field, course, startLine);
                summaries.Add(summary);
                if (wind != null) winds.Add(wind);
            }
            Rank(summaries, course != null);
            return new IgtimiRaceAnalysis(summaries.OrderBy(s => s.Rank).ToList(), winds, stations.Select(s => s.SerialNumber).ToList());
        }

        private static IgtimiTrackData Empty(string serial)
        {
            var t = new IgtimiTrackData(serial);
            t.Seal();
            return t;
        }

        private (IgtimiBoatSummary, IgtimiTrueWindSeries?) AnalyzeBoat(IgtimiRace race, IgtimiRaceBoat boat, IgtimiTrackData track, WindField field,
            List<Target>? course, Target? startLine)
        {
            var name = boat.BoatName ?? boat.SerialNumber;
            var who = $"{race.Name}: {name} ({boat.SerialNumber})";
            var gap = (long)_options.MaxGap.TotalMilliseconds;
            var s = new IgtimiBoatSummary
            {
                RaceName = race.Name,
                SerialNumber = boat.SerialNumber,
                BoatName = boat.BoatName,
                SailNumber = boat.SailNumber,
                Crew = boat.Crew,
                RaceStart = race.Start,
                RaceEnd = race.End,
            };
            var pos = track.Positions;
            s.Positions = pos.Count;
            if (pos.Count == 0)
            {
                _warn($"{who}: no positions in the race window; distance, elapsed time, legs and the start line distance are left out.");
            }
            else
            {
                s.FirstFix = UnixTime.FromMilliseconds(pos.Times[0]);
                s.LastFix = UnixTime.FromMilliseconds(pos.Times[pos.Count - 1]);
                s.ElapsedTime = s.LastFix - s.FirstFix;
                double distance = 0;
                for (var i = 1; i < pos.Count; i++)
                    distance += GeoMath.Distance(pos.Values[i - 1], pos.Second[i - 1], pos.Values[i], pos.Second[i]);
                s.DistanceMetres = distance;
            }

            if (track.SogKmh.Count == 0)
            {
                _warn($"{who}: no SOG samples in the race window; average and top SOG are left out.");
            }
            else
            {
                double sum = 0, top = double.MinValue;
                foreach (var v in track.SogKmh.Values)
                {
                    sum += v;
                    if (v > top) top = v;
                }
                s.AverageSogKmh = sum / track.SogKmh.Count;
                s.TopSogKmh = top;
            }

            var wind = TrueWindOf(track, field, out var source);
            s.WindSource = source;
            if (wind is null)
            {
                _warn($"{who}: no wind (no wind sensor on the boat, no wind station data, no manual wind in the log); VMG, tacks, gybes and the polar " +
                      "table are left out.");
            }
            else
            {
                Summarize(s, track, wind, gap);
            }

            if (course != null && pos.Count > 0) Legs(s, race, course, pos);
            if (startLine != null && pos.Count > 0)
            {
                var t = race.Start.ToUnixTimeMilliseconds();
                double lat = pos.At(t, gap), lon = pos.SecondAt(t, gap);
                if (double.IsNaN(lat) || double.IsNaN(lon))
                    _warn($"{who}: no position within {_options.MaxGap.TotalSeconds:0} s of the start signal; the start line distance is left out.");
                else s.StartLineDistanceMetres = startLine.Distance(lat, lon);
            }
            return (s, wind);
        }

        private IgtimiTrueWindSeries? TrueWindOf(IgtimiTrackData track, WindField field, out string source)
        {
            var gap = (long)_options.MaxGap.TotalMilliseconds;
            var clock = track.Heading.Count > 0 ? track.Heading : track.Cog.Count > 0 ? track.Cog : null;
            source = "none";
            if (clock is null) return null;
            var ownSensor = track.Awa.Count > 0 && track.AwsKmh.Count > 0;
            if (!ownSensor && field.IsEmpty) return null;
            var n = clock.Count;
            var twd = new double[n];
            var tws = new double[n];
            var twa = new double[n];
            int fromSensor = 0, fromStations = 0, fromManual = 0;
            for (var i = 0; i < n; i++)
            {
                var t = clock.Times[i];
                var heading = track.Heading.Count > 0 ? track.Heading.At(t, gap) : track.Cog.At(t, gap);
                var w = Wind.Unknown;
                if (ownSensor)
                {
                    var cog = track.Cog.Count > 0 ? track.Cog.At(t, gap) : heading;
                    w = TrueWind.FromApparent(track.Awa.At(t, gap), track.AwsKmh.At(t, gap) / IgtimiDataPoint.KmhPerKnot, heading,
                        track.SogKmh.At(t, gap) / IgtimiDataPoint.KmhPerKnot, cog);
                    if (w.IsKnown) fromSensor++;
                }
                if (!w.IsKnown)
                {
                    w = field.At(t, track.Positions.At(t, gap), track.Positions.SecondAt(t, gap), out var stationWind);
                    if (w.IsKnown && stationWind) fromStations++;
                    else if (w.IsKnown) fromManual++;
                }
                twd[i] = w.DirectionDegrees;
                tws[i] = w.SpeedKnots;
                twa[i] = w.IsKnown && !double.IsNaN(heading) ? TrueWind.Angle(w.DirectionDegrees, heading) : double.NaN;
            }
            if (fromSensor + fromStations + fromManual == 0) return null;
            var parts = new List<string>();
            if (fromSensor > 0) parts.Add("boat sensor");
            if (fromStations > 0) parts.Add("wind stations (" + string.Join(", ", field.Stations.Select(x => x.SerialNumber)) + ")");
            if (fromManual > 0) parts.Add("manual wind");
            source = string.Join(", ", parts);
            return new IgtimiTrueWindSeries(track.SerialNumber, clock.Times, twd, tws, twa);
        }

        private void Summarize(IgtimiBoatSummary s, IgtimiTrackData track, IgtimiTrueWindSeries wind, long gap)
        {
            var polar = new IgtimiPolarTable(s.SerialNumber, s.BoatName, _options.PolarTwaBinDegrees, _options.PolarTwsBinKnots);
            double up = 0, down = 0, twsSum = 0;
            int nUp = 0, nDown = 0, nTws = 0;
            for (var i = 0; i < wind.Times.Length; i++)
            {
                var t = wind.Times[i];
                if (double.IsNaN(wind.AngleDegrees[i])) continue;
                twsSum += wind.SpeedKnots[i];
                nTws++;
                var sog = track.SogKmh.At(t, gap) / IgtimiDataPoint.KmhPerKnot;
                if (double.IsNaN(sog)) continue;
                var cog = track.Cog.Count > 0 ? track.Cog.At(t, gap) : track.Heading.At(t, gap);
                if (double.IsNaN(cog)) continue;
                var vmg = TrueWind.Vmg(sog, cog, wind.DirectionDegrees[i]);
                if (Math.Abs(wind.AngleDegrees[i]) < 90) { up += vmg; nUp++; }
                else { down -= vmg; nDown++; }
                polar.Add(wind.AngleDegrees[i], wind.SpeedKnots[i], sog);
            }
            if (nTws > 0) s.AverageTwsKnots = twsSum / nTws;
            if (nUp > 0) s.UpwindVmgKnots = up / nUp;
            if (nDown > 0) s.DownwindVmgKnots = down / nDown;
            if (polar.Samples > 0) s.Polar = polar;
            var detector = new ManoeuvreDetector { HysteresisDegrees = _options.TackHysteresisDegrees, SettleTime = _options.ManoeuvreSettleTime };
            var manoeuvres = detector.Detect(wind.Times, wind.AngleDegrees);
            s.Manoeuvres = manoeuvres;
            s.Tacks = manoeuvres.Count(m => m.Kind == IgtimiManoeuvreKind.Tack);
            s.Gybes = manoeuvres.Count(m => m.Kind == IgtimiManoeuvreKind.Gybe);
        }

        private void Legs(IgtimiBoatSummary s, IgtimiRace race, List<Target> course, IgtimiChannel pos)
        {
            s.LegsInCourse = course.Count;
            var legs = new List<IgtimiLegSummary>();
            var startMs = race.Start.ToUnixTimeMilliseconds();
            var i = Array.BinarySearch(pos.Times, startMs);
            if (i < 0) i = ~i;
            var from = "Start";
            var legStart = race.Start;
            var legStartIndex = i;
            foreach (var target in course)
            {
                var passage = -1;
                var best = double.MaxValue;
                for (; i < pos.Count; i++)
                {
                    var d = target.Distance(pos.Values[i], pos.Second[i]);
                    if (d <= _options.RoundingRadiusMetres)
                    {
                        if (d < best) { best = d; passage = i; }
                    }
                    else if (passage >= 0) break;
                }
                if (passage < 0)
                {
                    _warn($"{race.Name}: {s.BoatName ?? s.SerialNumber} ({s.SerialNumber}) did not come within {_options.RoundingRadiusMetres:0} m of " +
                          $"{target.Name} (leg {legs.Count + 1} of {course.Count}) before the end of its data; the legs from there are left out.");
                    break;
                }
                double distance = 0;
                for (var k = Math.Max(legStartIndex, 0) + 1; k <= passage; k++)
                    distance += GeoMath.Distance(pos.Values[k - 1], pos.Second[k - 1], pos.Values[k], pos.Second[k]);
                var end = UnixTime.FromMilliseconds(pos.Times[passage]);
                legs.Add(new IgtimiLegSummary
                {
                    Number = legs.Count + 1, From = from, To = target.Name, Start = legStart, End = end, DistanceMetres = distance,
                });
                from = target.Name;
                legStart = end;
                legStartIndex = passage;
            }
            s.Legs = legs;
            if (legs.Count == course.Count) s.ElapsedTime = legs[legs.Count - 1].End - race.Start;
        }

        private static void Rank(List<IgtimiBoatSummary> summaries, bool byLegs)
        {
            IOrderedEnumerable<IgtimiBoatSummary> ordered = byLegs
                ? summaries.OrderByDescending(s => s.Legs.Count)
                    .ThenBy(s => s.Legs.Count == 0 ? DateTimeOffset.MaxValue : s.Legs[s.Legs.Count - 1].End)
                    .ThenByDescending(s => s.AverageSogKmh ?? -1)
                : summaries.OrderByDescending(s => s.AverageSogKmh ?? -1);
            var rank = 1;
            foreach (var s in ordered.ThenBy(s => s.SerialNumber, StringComparer.Ordinal).ToList())
            {
                s.Rank = rank++;
                s.RankedBy = byLegs ? "legs" : "average SOG";
            }
        }

        private static bool IsStartRole(string? role) => role != null && role.StartsWith("start", StringComparison.OrdinalIgnoreCase);

        private Target? ResolveStartLine(IgtimiRace race)
        {
            if (race.Marks.Count == 0) return null;
            var boat = race.Marks.FirstOrDefault(m => string.Equals(m.BuoyType, "start_boat", StringComparison.OrdinalIgnoreCase));
            var pin = race.Marks.FirstOrDefault(m => string.Equals(m.BuoyType, "start_pin", StringComparison.OrdinalIgnoreCase));
            if (boat is null || pin is null)
            {
                _warn($"{race.Name}: the marks give no start line (a start_boat and a start_pin mark); the start line distance is left out.");
                return null;
            }
            return new Target("start line", boat, pin);
        }

        /// <summary>The course as passage targets: each mark after the start; a gate or a line as the segment to its partner.</summary>
        private List<Target>? ResolveCourse(IgtimiRace race)
        {
            if (race.Marks.Count == 0)
            {
                _warn($"{race.Name}: the race has no marks; legs and the start line distance are left out.");
                return null;
            }
            if (race.Course.Count == 0)
            {
                _warn($"{race.Name}: the race gives no course (the marks in the order sailed); legs are left out.");
                return null;
            }
            var targets = new List<Target>();
            for (var k = 0; k < race.Course.Count; k++)
            {
                var mark = race.Marks.FirstOrDefault(m => string.Equals(m.Name, race.Course[k], StringComparison.OrdinalIgnoreCase));
                if (mark is null)
                {
                    _warn($"{race.Name}: the course names '{race.Course[k]}', which is not among the race's marks; legs are left out.");
                    return null;
                }
                if (k == 0 && IsStartRole(mark.BuoyType)) continue;
                targets.Add(TargetFor(race, mark));
            }
            return targets.Count == 0 ? null : targets;
        }

        private static Target TargetFor(IgtimiRace race, IgtimiRaceMark mark)
        {
            IEnumerable<IgtimiRaceMark> partners = Array.Empty<IgtimiRaceMark>();
            if (string.Equals(mark.BuoyType, "gate", StringComparison.OrdinalIgnoreCase))
                partners = race.Marks.Where(m => m != mark && string.Equals(m.BuoyType, "gate", StringComparison.OrdinalIgnoreCase));
            else if (IsStartRole(mark.BuoyType))
                partners = race.Marks.Where(m => m != mark && IsStartRole(m.BuoyType));
            var partner = partners
                .Select(m => (Mark: m, Distance: GeoMath.Distance(mark.Latitude, mark.Longitude, m.Latitude, m.Longitude)))
                .Where(p => p.Distance <= 500).OrderBy(p => p.Distance).Select(p => p.Mark).FirstOrDefault();
            return partner is null ? new Target(mark.Name, mark, mark) : new Target(mark.Name, mark, partner);
        }

        private sealed class Target
        {
            private readonly IgtimiRaceMark _a;
            private readonly IgtimiRaceMark _b;

            public Target(string name, IgtimiRaceMark a, IgtimiRaceMark b)
            {
                Name = name;
                _a = a;
                _b = b;
            }

            public string Name { get; }

            public double Distance(double lat, double lon) =>
                ReferenceEquals(_a, _b) ? GeoMath.Distance(lat, lon, _a.Latitude, _a.Longitude)
                    : GeoMath.DistanceToSegment(lat, lon, _a.Latitude, _a.Longitude, _b.Latitude, _b.Longitude);
        }
    }
}
