using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace Igtimi.Client.Races.Picture
{
    /// <summary>Everything the picture draws, worked out once: projection, colours, simplified runs, slider samples, plot series.</summary>
    internal sealed class RaceLayout
    {
        private const int PlotBuckets = 500;

        public RaceLayout(IgtimiRacePicture picture)
        {
            var race = picture.Race;
            Start = race.Start.ToUnixTimeMilliseconds();
            End = Math.Max(Start + 1000, race.End.ToUnixTimeMilliseconds());
            Width = picture.Width;
            Title = string.IsNullOrWhiteSpace(race.Name) ? "Race" : race.Name!;
            Subtitle = $"{race.Start.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} – " +
                       $"{race.End.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC" +
                       (race.SessionId.HasValue ? $", session {race.SessionId.Value.ToString(CultureInfo.InvariantCulture)}" : "");

            var wind = new RaceWind(race);
            Wind = wind.First;
            var marks = (race.Marks ?? Array.Empty<IgtimiRaceMark>())
                .Where(m => m != null && IgtimiRaceTrack.IsFinite(m.Latitude) && IgtimiRaceTrack.IsFinite(m.Longitude)).ToList();

            // The map's box: every position and mark.
            double minLat = double.MaxValue, maxLat = double.MinValue, minLon = double.MaxValue, maxLon = double.MinValue;
            void Extend(double lat, double lon)
            {
                minLat = Math.Min(minLat, lat); maxLat = Math.Max(maxLat, lat);
                minLon = Math.Min(minLon, lon); maxLon = Math.Max(maxLon, lon);
            }
            foreach (var t in picture.Tracks) for (var i = 0; i < t.Count; i++) Extend(t.Latitudes[i], t.Longitudes[i]);
            foreach (var m in marks) Extend(m.Latitude, m.Longitude);
            if (minLat > maxLat)
            {
                minLat = maxLat = 0;
                minLon = maxLon = 0;
            }
            Projection = RaceProjection.Fit(minLat, maxLat, minLon, maxLon, Width, IgtimiRacePicture.MapMargin, out var height);
            Height = height;

            var sogs = picture.Tracks.SelectMany(t => t.SogKnots).Where(IgtimiRaceTrack.IsFinite).OrderBy(v => v).ToList();
            SpeedLow = sogs.Count == 0 ? 0 : Math.Floor(Percentile(sogs, 0.05) * 2) / 2;
            SpeedHigh = sogs.Count == 0 ? 1 : Math.Ceiling(Percentile(sogs, 0.95) * 2) / 2;
            if (SpeedHigh - SpeedLow < 1) SpeedHigh = SpeedLow + 1;

            var boats = (race.Boats ?? Array.Empty<IgtimiRaceBoat>()).Where(b => b != null).ToList();
            var bySerial = picture.Tracks.GroupBy(t => t.Boat.SerialNumber, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
            foreach (var track in picture.Tracks)
                if (!boats.Any(b => string.Equals(b.SerialNumber, track.Boat.SerialNumber, StringComparison.OrdinalIgnoreCase))) boats.Add(track.Boat);

            var step = picture.AnimationStep;
            Step = step;
            var anyVmg = false;
            var missing = new List<string>();
            for (var index = 0; index < boats.Count; index++)
            {
                var boat = boats[index];
                bySerial.TryGetValue(boat.SerialNumber ?? "", out var track);
                var drawn = new BoatLayout(boat, IgtimiRacePicture.BoatColour(boat.Colour, index));
                Boats.Add(drawn);
                if (track is null || track.Count == 0)
                {
                    missing.Add(drawn.Name);
                    continue;
                }
                PositionCount += track.Count;
                var x = new double[track.Count];
                var y = new double[track.Count];
                for (var i = 0; i < track.Count; i++)
                {
                    x[i] = Projection.X(track.Longitudes[i]);
                    y[i] = Projection.Y(track.Latitudes[i]);
                }
                AddRuns(drawn, track, x, y, picture.Tolerance);
                DrawnPoints += drawn.Runs.Sum(r => r.X.Count);
                AddAnimation(drawn, track, x, y, step);

                var vmg = track.VmgKnots ?? ComputeVmg(track, wind);
                if (vmg != null && vmg.Any(IgtimiRaceTrack.IsFinite)) anyVmg = true;
                SogSeries.Add(Bucket(drawn, track.Times, track.SogKnots));
                VmgSeries.Add(Bucket(drawn, track.Times, vmg ?? new double[track.Count].Select(_ => double.NaN).ToArray()));
            }
            HasVmg = anyVmg;
            if (missing.Count > 0)
                Notes.Add($"No positions between the start and the end of the race for {string.Join(", ", missing)}; " +
                          (missing.Count == 1 ? "that boat is" : "those boats are") + " in the legend only.");
            if (!anyVmg)
                Notes.Add(wind.Known
                    ? "VMG is not shown: no boat has a course over ground (COG) to measure it with."
                    : "VMG is not shown: the race has no manual wind and no course direction, and no VMG was given.");
            else if (picture.Tracks.All(t => t.VmgKnots is null))
                Notes.Add($"VMG is SOG × cos(COG − wind direction), with the wind from {wind.Source}.");
            if (!Wind.HasValue) Notes.Add("No wind arrow: the race has no manual wind and no course direction.");
            if (marks.Count == 0) Notes.Add("The race has no marks with positions.");

            foreach (var m in marks) Marks.Add(new MarkLayout(m.Name, m.BuoyType, Projection.X(m.Longitude), Projection.Y(m.Latitude)));
            foreach (var name in race.Course ?? Array.Empty<string>())
            {
                var m = Marks.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase));
                if (m != null) CourseLine.Add((m.X, m.Y));
                else Notes.Add($"The course names a mark '{name}' that the race has no position for; the course line skips it.");
            }
            var boatEnd = Marks.FirstOrDefault(m => string.Equals(m.Role, "start_boat", StringComparison.OrdinalIgnoreCase));
            var pinEnd = Marks.FirstOrDefault(m => string.Equals(m.Role, "start_pin", StringComparison.OrdinalIgnoreCase));
            if (boatEnd != null && pinEnd != null) StartLine = ((boatEnd.X, boatEnd.Y), (pinEnd.X, pinEnd.Y));
        }

        public long Start { get; }
        public long End { get; }

        /// <summary>The time between slider samples (ms).</summary>
        public long Step { get; }
        public double Width { get; }
        public double Height { get; }
        public string Title { get; }
        public string Subtitle { get; }
        public RaceProjection Projection { get; }
        public (double Direction, double? Speed)? Wind { get; }
        public double SpeedLow { get; }
        public double SpeedHigh { get; }
        public List<BoatLayout> Boats { get; } = new List<BoatLayout>();
        public List<MarkLayout> Marks { get; } = new List<MarkLayout>();
        public List<(double X, double Y)> CourseLine { get; } = new List<(double, double)>();
        public ((double X, double Y) A, (double X, double Y) B)? StartLine { get; }
        public List<Series> SogSeries { get; } = new List<Series>();
        public List<Series> VmgSeries { get; } = new List<Series>();
        public bool HasVmg { get; }
        public List<string> Notes { get; } = new List<string>();
        public int PositionCount { get; }
        public int DrawnPoints { get; }

        private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Round(p * (sorted.Count - 1)))];

        private int SpeedBin(double sog)
        {
            var n = IgtimiRacePicture.SpeedColours.Length;
            return (int)Math.Max(0, Math.Min(n - 1, Math.Floor((sog - SpeedLow) / (SpeedHigh - SpeedLow) * n)));
        }

        /// <summary>
        /// Splits the track at gaps, simplifies each piece, colours each simplified segment by the mean SOG of the positions
        /// it stands for, and joins neighbouring segments of one colour into one polyline.
        /// </summary>
        private void AddRuns(BoatLayout boat, IgtimiRaceTrack track, double[] x, double[] y, double tolerance)
        {
            var from = 0;
            for (var i = 1; i <= track.Count; i++)
            {
                if (i < track.Count && track.Times[i] - track.Times[i - 1] <= IgtimiRacePicture.Gap) continue;
                AddPiece(boat, track, x, y, from, i, tolerance);
                from = i;
            }
        }

        private void AddPiece(BoatLayout boat, IgtimiRaceTrack track, double[] x, double[] y, int from, int to, double tolerance)
        {
            var n = to - from;
            var px = new double[n];
            var py = new double[n];
            Array.Copy(x, from, px, 0, n);
            Array.Copy(y, from, py, 0, n);
            var kept = TrackSimplifier.Simplify(px, py, tolerance);
            if (kept.Count == 1) kept.Add(kept[0]);
            Run? run = null;
            for (var k = 0; k + 1 < kept.Count; k++)
            {
                double sum = 0;
                var count = 0;
                for (var i = kept[k]; i < Math.Max(kept[k] + 1, kept[k + 1]); i++)
                {
                    var s = track.SogKnots[from + i];
                    if (IgtimiRaceTrack.IsFinite(s)) { sum += s; count++; }
                }
                var colour = count == 0 ? IgtimiRacePicture.NoSpeed : IgtimiRacePicture.SpeedColours[SpeedBin(sum / count)];
                if (run is null || run.Colour != colour)
                {
                    run = new Run(colour);
                    run.X.Add(px[kept[k]]);
                    run.Y.Add(py[kept[k]]);
                    boat.Runs.Add(run);
                }
                run.X.Add(px[kept[k + 1]]);
                run.Y.Add(py[kept[k + 1]]);
            }
        }

        /// <summary>Slider samples every step from the race start, within the boat's first and last position, interpolated linearly.</summary>
        private void AddAnimation(BoatLayout boat, IgtimiRaceTrack track, double[] x, double[] y, long step)
        {
            var first = Math.Max(0, (long)Math.Ceiling((track.Times[0] - Start) / (double)step));
            var j = 0;
            boat.FirstSample = first;
            for (var k = first; ; k++)
            {
                var t = Start + k * step;
                if (t > track.Times[track.Count - 1] || t > End) break;
                while (j + 1 < track.Count && track.Times[j + 1] <= t) j++;
                if (j + 1 >= track.Count || track.Times[j] == t) boat.Animation.Add((x[j], y[j]));
                else
                {
                    var f = (t - track.Times[j]) / (double)(track.Times[j + 1] - track.Times[j]);
                    boat.Animation.Add((x[j] + f * (x[j + 1] - x[j]), y[j] + f * (y[j + 1] - y[j])));
                }
            }
            if (boat.Animation.Count == 0) boat.Animation.Add((x[track.Count - 1], y[track.Count - 1]));
        }

        /// <summary>VMG = SOG × cos(COG − TWD), TWD the direction the wind blows from; NaN without SOG, COG or wind.</summary>
        internal static double[]? ComputeVmg(IgtimiRaceTrack track, RaceWind wind)
        {
            if (!wind.Known) return null;
            var vmg = new double[track.Count];
            for (var i = 0; i < track.Count; i++)
            {
                var twd = wind.DirectionAt(track.Times[i]);
                double sog = track.SogKnots[i], cog = track.CogDegrees[i];
                vmg[i] = twd.HasValue && IgtimiRaceTrack.IsFinite(sog) && IgtimiRaceTrack.IsFinite(cog)
                    ? sog * Math.Cos((cog - twd.Value) * Math.PI / 180)
                    : double.NaN;
            }
            return vmg;
        }

        /// <summary>The series for a plot: means over at most 500 equal time buckets of the race.</summary>
        private Series Bucket(BoatLayout boat, long[] times, double[] values)
        {
            var span = (double)(End - Start);
            var sum = new double[PlotBuckets];
            var count = new int[PlotBuckets];
            for (var i = 0; i < times.Length; i++)
            {
                if (!IgtimiRaceTrack.IsFinite(values[i])) continue;
                var b = (int)Math.Min(PlotBuckets - 1, Math.Max(0, (times[i] - Start) / span * PlotBuckets));
                sum[b] += values[i];
                count[b]++;
            }
            var series = new Series(boat.Serial, boat.Colour);
            for (var b = 0; b < PlotBuckets; b++)
            {
                if (count[b] == 0) continue;
                series.Times.Add(Start + (long)((b + 0.5) * span / PlotBuckets));
                series.Values.Add(sum[b] / count[b]);
            }
            return series;
        }

        /// <summary>The page's data for the slider: start, end, step (ms) and per boat the first sample's index and x, y per sample.</summary>
        public string AnimationJson()
        {
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = IgtimiRacePicture.JsonOptions.Encoder }))
            {
                json.WriteStartObject();
                json.WriteNumber("start", Start);
                json.WriteNumber("end", End);
                json.WriteNumber("step", Step);
                json.WriteStartArray("boats");
                foreach (var boat in Boats)
                {
                    if (boat.Animation.Count == 0) continue;
                    json.WriteStartObject();
                    json.WriteString("serial", boat.Serial);
                    json.WriteString("name", boat.Name);
                    json.WriteNumber("first", boat.FirstSample);
                    json.WriteStartArray("x");
                    foreach (var p in boat.Animation) json.WriteNumberValue(Math.Round(p.X, 1));
                    json.WriteEndArray();
                    json.WriteStartArray("y");
                    foreach (var p in boat.Animation) json.WriteNumberValue(Math.Round(p.Y, 1));
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            return Encoding.UTF8.GetString(stream.ToArray());
        }

        internal sealed class BoatLayout
        {
            public BoatLayout(IgtimiRaceBoat boat, string colour)
            {
                Serial = boat.SerialNumber ?? "";
                Name = string.IsNullOrWhiteSpace(boat.BoatName) ? Serial : boat.BoatName!;
                Label = string.IsNullOrWhiteSpace(boat.SailNumber) ? Name : $"{Name} ({boat.SailNumber})";
                Colour = colour;
            }

            public string Serial { get; }
            public string Name { get; }
            public string Label { get; }
            public string Colour { get; }
            public List<Run> Runs { get; } = new List<Run>();
            public long FirstSample { get; set; }
            public List<(double X, double Y)> Animation { get; } = new List<(double, double)>();
        }

        internal sealed class Run
        {
            public Run(string colour) => Colour = colour;
            public string Colour { get; }
            public List<double> X { get; } = new List<double>();
            public List<double> Y { get; } = new List<double>();
        }

        internal sealed class MarkLayout
        {
            public MarkLayout(string name, string? role, double x, double y)
            {
                Name = name;
                Role = role;
                X = x;
                Y = y;
            }

            public string Name { get; }
            public string? Role { get; }
            public double X { get; }
            public double Y { get; }
        }

        internal sealed class Series
        {
            public Series(string serial, string colour)
            {
                Serial = serial;
                Colour = colour;
            }

            public string Serial { get; }
            public string Colour { get; }
            public List<long> Times { get; } = new List<long>();
            public List<double> Values { get; } = new List<double>();
        }
    }
}
