using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Igtimi.Client.Races.Picture
{
    /// <summary>
    /// A picture of a race: every boat's track coloured by speed, the marks and the course, the wind and a legend, as a
    /// static SVG, as a self-contained HTML page (the same map with a time slider, a play button and speed and VMG plots;
    /// no network at view time, which its Content-Security-Policy enforces) or as KML (<see cref="RaceKmlWriter"/>).
    /// Tracks are simplified for drawing (Douglas–Peucker, <see cref="Tolerance"/> units of a map <see cref="Width"/>
    /// wide); the slider's positions are sampled every <see cref="AnimationStep"/>, at least every second, linearly
    /// interpolated between the boat's positions.
    /// </summary>
    public sealed class IgtimiRacePicture
    {
        /// <summary>SOG colour ramp, slow to fast (blue to red), one colour per bin of the legend.</summary>
        internal static readonly string[] SpeedColours = { "#313695", "#4575b4", "#74add1", "#abd9e9", "#fee090", "#fdae61", "#f46d43", "#d73027" };

        private static readonly string[] BoatColours =
        {
            "#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#9a6324", "#469990", "#800000",
            "#808000", "#000075", "#bfef45", "#dcbeff", "#ffe119", "#aaffc3", "#ffd8b1", "#a9a9a9", "#fabed4", "#000000",
        };

        private const string NoSpeedColour = "#9e9e9e";
        private const long GapMilliseconds = 30_000;
        private const double Margin = 40;

        private readonly List<string> _notes = new List<string>();
        private RaceLayout? _layout;

        public IgtimiRacePicture(IgtimiRace race, IReadOnlyList<IgtimiRaceTrack> tracks)
        {
            Race = race ?? throw new ArgumentNullException(nameof(race));
            Tracks = tracks ?? throw new ArgumentNullException(nameof(tracks));
        }

        public IgtimiRace Race { get; }
        public IReadOnlyList<IgtimiRaceTrack> Tracks { get; }

        /// <summary>The map's width in SVG units (the height follows the race area's shape).</summary>
        public double Width { get; set; } = 1000;

        /// <summary>The largest distance (map units) between a track as drawn and its positions.</summary>
        public double Tolerance { get; set; } = 0.5;

        /// <summary>The time between the slider's samples: at least a second, and at most 3,600 samples per boat.</summary>
        public long AnimationStep => Math.Max(1000, (long)Math.Ceiling((Race.End - Race.Start).TotalMilliseconds / 3600 / 1000.0) * 1000);

        /// <summary>What the picture leaves out and why (no VMG without wind, boats without positions); shown on the page.</summary>
        public IReadOnlyList<string> Notes => Layout.Notes;

        /// <summary>The number of points drawn for all tracks together, after simplification.</summary>
        public int DrawnPointCount => Layout.DrawnPoints;

        internal RaceLayout Layout => _layout ??= new RaceLayout(this);

        public void WriteSvg(TextWriter output)
        {
            var layout = Layout;
            output.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            WriteMap(output, layout, standalone: true);
        }

        public void WriteKml(Stream output) => RaceKmlWriter.Write(this, output);

        public void WriteHtml(TextWriter output)
        {
            var layout = Layout;
            var title = Esc(layout.Title);
            var o = output;
            o.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
            o.Write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src " +
                "'unsafe-inline'; img-src data:\">\n");
            o.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"IgtimiPS\">\n");
            o.Write($"<title>{title}</title>\n<style>\n{Resource("race.css")}</style>\n</head>\n<body>\n");
            o.Write($"<header><h1>{title}</h1><p class=\"sub\">{Esc(layout.Subtitle)}</p></header>\n");
            o.Write("<main>\n<section class=\"map\">\n");
            WriteMap(o, layout, standalone: false);
            o.Write("</section>\n<section class=\"controls\">\n");
            o.Write("<button id=\"play\" type=\"button\" aria-label=\"Play\">&#9654; Play</button>\n");
            o.Write($"<input id=\"time\" type=\"range\" min=\"0\" max=\"{(layout.End - layout.Start) / 1000}\" step=\"1\" value=\"0\" " +
                $"aria-label=\"Race time\">\n");
            o.Write("<select id=\"speed\" aria-label=\"Playback speed\"><option value=\"10\">10×</option><option value=\"30\">30×</option>" +
                    "<option value=\"60\" selected>60×</option><option value=\"120\">120×</option><option value=\"300\">300×</option></select>\n");
            o.Write("<output id=\"clock\"></output>\n</section>\n");
            WritePlot(o, layout, "sog", "Speed over ground (kn)", layout.SogSeries);
            if (layout.HasVmg) WritePlot(o, layout, "vmg", "VMG to the wind (kn; up positive, down negative)", layout.VmgSeries);
            if (layout.Notes.Count > 0)
            {
                o.Write("<section class=\"notes\"><h2>Notes</h2><ul>\n");
                foreach (var note in layout.Notes) o.Write($"<li class=\"note\">{Esc(note)}</li>\n");
                o.Write("</ul></section>\n");
            }
            o.Write($"<footer>Drawn by IgtimiPS: {layout.Boats.Count} boat(s), {layout.PositionCount.ToString("N0", CultureInfo.InvariantCulture)} " +
                $"position(s), " +
                    $"{layout.DrawnPoints.ToString("N0", CultureInfo.InvariantCulture)} drawn point(s); times in UTC.</footer>\n</main>\n");
            o.Write("<script id=\"race-data\" type=\"application/json\">");
            o.Write(layout.AnimationJson().Replace("</", "<\\/"));
            o.Write("</script>\n<script>\n");
            o.Write(Resource("race.js"));
            o.Write("</script>\n</body>\n</html>\n");
        }

        private static void WriteMap(TextWriter o, RaceLayout layout, bool standalone)
        {
            var p = layout.Projection;
            o.Write($"<svg id=\"race-map\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {F(layout.Width)} {F(layout.Height)}\"");
            if (standalone) o.Write($" width=\"{F(layout.Width)}\" height=\"{F(layout.Height)}\"");
            o.Write($" font-family=\"sans-serif\" data-lat0=\"{R(p.Lat0)}\" data-lon0=\"{R(p.Lon0)}\" data-scale=\"{R(p.Scale)}\"");
            o.Write($" data-cx=\"{R(p.Cx)}\" data-cy=\"{R(p.Cy)}\" data-start=\"{layout.Start}\" data-end=\"{layout.End}\">\n");
            o.Write($"<title>{Esc(layout.Title)}</title>\n");
            o.Write($"<rect class=\"water\" width=\"{F(layout.Width)}\" height=\"{F(layout.Height)}\" fill=\"#eef5fb\"/>\n");
            if (standalone) o.Write($"<text x=\"{F(layout.Width / 2)}\" y=\"22\" text-anchor=\"middle\" font-size=\"16\" " +
                $"font-weight=\"bold\">{Esc(layout.Title)}</text>\n");

            o.Write("<g id=\"tracks\" fill=\"none\" stroke-width=\"2\" stroke-linejoin=\"round\" stroke-linecap=\"round\">\n");
            foreach (var boat in layout.Boats)
            {
                if (boat.Runs.Count == 0) continue;
                o.Write($"<g class=\"track\" data-serial=\"{Esc(boat.Serial)}\" data-boat=\"{Esc(boat.Name)}\"><title>{Esc(boat.Name)}</title>");
                foreach (var run in boat.Runs)
                {
                    o.Write($"<polyline stroke=\"{run.Colour}\" points=\"");
                    for (var i = 0; i < run.X.Count; i++)
                    {
                        if (i > 0) o.Write(' ');
                        o.Write(F(run.X[i]));
                        o.Write(',');
                        o.Write(F(run.Y[i]));
                    }
                    o.Write("\"/>");
                }
                o.Write("</g>\n");
            }
            o.Write("</g>\n");

            o.Write("<g id=\"course\" fill=\"none\">\n");
            if (layout.CourseLine.Count >= 2)
                o.Write($"<polyline class=\"course\" stroke=\"#555\" stroke-width=\"1.2\" stroke-dasharray=\"6 5\" points=\"" +
                        string.Join(" ", layout.CourseLine.Select(c => F(c.X) + "," + F(c.Y))) + "\"/>\n");
            if (layout.StartLine.HasValue)
            {
                var (a, b) = layout.StartLine.Value;
                o.Write($"<line class=\"start-line\" x1=\"{F(a.X)}\" y1=\"{F(a.Y)}\" x2=\"{F(b.X)}\" y2=\"{F(b.Y)}\" stroke=\"#111\" stroke-width=\"2\"/>\n");
            }
            o.Write("</g>\n<g id=\"marks\" font-size=\"11\">\n");
            foreach (var mark in layout.Marks)
            {
                o.Write($"<g class=\"mark\" data-name=\"{Esc(mark.Name)}\" data-role=\"{Esc(mark.Role)}\">");
                o.Write($"<circle cx=\"{F(mark.X)}\" cy=\"{F(mark.Y)}\" r=\"5\" fill=\"#ff9800\" stroke=\"#333\" stroke-width=\"1\"/>");
                o.Write($"<text x=\"{F(mark.X + 8)}\" y=\"{F(mark.Y - 6)}\" fill=\"#333\">{Esc(mark.Name)}</text></g>\n");
            }
            o.Write("</g>\n");

            o.Write("<g id=\"boats\" font-size=\"11\">\n");
            foreach (var boat in layout.Boats)
            {
                if (boat.Animation.Count == 0) continue;
                var (x, y) = standalone ? boat.Animation[boat.Animation.Count - 1] : boat.Animation[0];
                o.Write($"<g class=\"boat\" data-serial=\"{Esc(boat.Serial)}\"><circle cx=\"{F(x)}\" cy=\"{F(y)}\" r=\"6\" fill=\"{boat.Colour}\" " +
                        "stroke=\"#fff\" stroke-width=\"1.5\"/>");
                o.Write($"<text x=\"{F(x + 8)}\" y=\"{F(y + 4)}\" fill=\"#111\" stroke=\"#fff\" stroke-width=\"3\" " +
                    $"paint-order=\"stroke\">{Esc(boat.Name)}</text></g>\n");
            }
            o.Write("</g>\n");

            WriteLegend(o, layout);
            WriteWind(o, layout);
            WriteScale(o, layout);
            o.Write("</svg>\n");
        }

        private static void WriteLegend(TextWriter o, RaceLayout layout)
        {
            const double row = 16;
            var top = 36.0;
            var rows = layout.Boats.Count;
            var width = Math.Max(120, Math.Min(260, 40 + 6.5 * layout.Boats.Select(b => b.Label.Length).DefaultIfEmpty(10).Max()));
            o.Write("<g id=\"legend\" font-size=\"12\">\n");
            o.Write($"<rect x=\"8\" y=\"{F(top - 14)}\" width=\"{F(width)}\" height=\"{F(rows * row + 8)}\" rx=\"4\" fill=\"#fff\" " +
                $"fill-opacity=\"0.85\" stroke=\"#bbb\"/>\n");
            for (var i = 0; i < layout.Boats.Count; i++)
            {
                var boat = layout.Boats[i];
                var y = top + i * row;
                o.Write($"<g class=\"legend-boat\" data-serial=\"{Esc(boat.Serial)}\"><circle cx=\"20\" cy=\"{F(y - 4)}\" r=\"5\" fill=\"{boat.Colour}\"/>");
                o.Write($"<text x=\"30\" y=\"{F(y)}\"{(boat.Runs.Count == 0 ? " fill=\"#999\"" : "")}>{Esc(boat.Label)}</text></g>\n");
            }
            // Speed colour bar, bottom left.
            var barY = layout.Height - 30;
            o.Write($"<g id=\"speed-legend\" font-size=\"11\"><text x=\"12\" y=\"{F(barY - 8)}\">SOG (kn)</text>");
            for (var i = 0; i < SpeedColours.Length; i++)
                o.Write($"<rect x=\"{F(12 + i * 22)}\" y=\"{F(barY)}\" width=\"22\" height=\"8\" fill=\"{SpeedColours[i]}\"/>");
            o.Write($"<text x=\"12\" y=\"{F(barY + 20)}\">{layout.SpeedLow.ToString("0.#", CultureInfo.InvariantCulture)}</text>");
            o.Write($"<text x=\"{F(12 + SpeedColours.Length * 22)}\" y=\"{F(barY + 20)}\" " +
                $"text-anchor=\"end\">{layout.SpeedHigh.ToString("0.#", CultureInfo.InvariantCulture)}</text></g>\n");
            o.Write("</g>\n");
        }

        private static void WriteWind(TextWriter o, RaceLayout layout)
        {
            if (!layout.Wind.HasValue) return;
            var (direction, speed) = layout.Wind.Value;
            double cx = layout.Width - 60, cy = 70;
            var label = speed.HasValue
                ? FormattableString.Invariant($"{speed:0.#} kn from {direction:0}°")
                : FormattableString.Invariant($"from {direction:0}°");
            // The arrow points where the wind blows to: rotate a downward arrow (wind from north) by the direction.
            o.Write($"<g id=\"wind\" data-direction=\"{R(direction)}\" font-size=\"11\">");
            o.Write($"<circle cx=\"{F(cx)}\" cy=\"{F(cy)}\" r=\"30\" fill=\"#fff\" fill-opacity=\"0.85\" stroke=\"#bbb\"/>");
            o.Write($"<g transform=\"rotate({R(direction)} {F(cx)} {F(cy)})\"><line x1=\"{F(cx)}\" y1=\"{F(cy - 24)}\" x2=\"{F(cx)}\" " +
                $"y2=\"{F(cy + 16)}\" stroke=\"#1565c0\" stroke-width=\"3\"/>");
            o.Write($"<polygon points=\"{F(cx - 7)},{F(cy + 12)} {F(cx + 7)},{F(cy + 12)} {F(cx)},{F(cy + 25)}\" fill=\"#1565c0\"/></g>");
            o.Write($"<text x=\"{F(layout.Width - 10)}\" y=\"{F(cy + 46)}\" text-anchor=\"end\">Wind {Esc(label)}</text></g>\n");
        }

        private static void WriteScale(TextWriter o, RaceLayout layout)
        {
            var metresPerUnit = 1 / layout.Projection.Scale;
            var target = 150 * metresPerUnit;
            var nice = new[] { 50.0, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 50000, 100000 }.LastOrDefault(n => n <= target);
            if (nice <= 0) nice = 50;
            var length = nice / metresPerUnit;
            double x = layout.Width - 20 - length, y = layout.Height - 20;
            var text = nice >= 1000 ? FormattableString.Invariant($"{nice / 1000:0.#} km") : FormattableString.Invariant($"{nice:0} m");
            o.Write($"<g id=\"scale\" font-size=\"11\"><path d=\"M{F(x)},{F(y - 5)} V{F(y)} H{F(x + length)} V{F(y - 5)}\" fill=\"none\" " +
                $"stroke=\"#333\" stroke-width=\"1.5\"/>");
            o.Write($"<text x=\"{F(x + length / 2)}\" y=\"{F(y - 8)}\" text-anchor=\"middle\">{text}</text></g>\n");
        }

        private static void WritePlot(TextWriter o, RaceLayout layout, string id, string title, IReadOnlyList<RaceLayout.Series> series)
        {
            const double w = 1000, h = 200, left = 44, right = 12, top = 12, bottom = 24;
            var values = series.SelectMany(s => s.Values).Where(IgtimiRaceTrack.IsFinite).ToList();
            var lo = values.Count == 0 ? 0 : Math.Floor(Math.Min(0, values.Min()));
            var hi = values.Count == 0 ? 1 : Math.Ceiling(values.Max());
            if (hi <= lo) hi = lo + 1;
            double X(long t) => left + (w - left - right) * (t - layout.Start) / Math.Max(1, layout.End - layout.Start);
            double Y(double v) => top + (h - top - bottom) * (hi - v) / (hi - lo);
            o.Write($"<section class=\"plot\"><h2>{Esc(title)}</h2>\n");
            o.Write($"<svg id=\"{id}-plot\" class=\"plot\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {F(w)} {F(h)}\" " +
                $"font-family=\"sans-serif\" font-size=\"10\" " +
                    $"data-x0=\"{F(left)}\" data-x1=\"{F(w - right)}\">\n");
            var step = NiceStep((hi - lo) / 5);
            for (var v = Math.Ceiling(lo / step) * step; v <= hi + 1e-9; v += step)
            {
                o.Write($"<line x1=\"{F(left)}\" x2=\"{F(w - right)}\" y1=\"{F(Y(v))}\" y2=\"{F(Y(v))}\" " +
                    $"stroke=\"{(Math.Abs(v) < 1e-9 ? "#888" : "#e0e0e0")}\"/>");
                o.Write($"<text x=\"{F(left - 4)}\" y=\"{F(Y(v) + 3)}\" text-anchor=\"end\">{v.ToString("0.#", CultureInfo.InvariantCulture)}</text>\n");
            }
            var span = layout.End - layout.Start;
            var tick = new[] { 60_000L, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000 }.FirstOrDefault(t => span / t <= 10);
            if (tick == 0) tick = 14_400_000;
            for (var t = (layout.Start / tick + 1) * tick; t < layout.End; t += tick)
            {
                var label = DateTimeOffset.FromUnixTimeMilliseconds(t).UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture);
                o.Write($"<text x=\"{F(X(t))}\" y=\"{F(h - 8)}\" text-anchor=\"middle\">{label}</text>");
            }
            o.Write("\n<g fill=\"none\" stroke-width=\"1.3\">\n");
            foreach (var s in series)
            {
                o.Write($"<polyline class=\"series\" data-serial=\"{Esc(s.Serial)}\" stroke=\"{s.Colour}\" points=\"");
                var first = true;
                for (var i = 0; i < s.Values.Count; i++)
                {
                    if (!IgtimiRaceTrack.IsFinite(s.Values[i])) continue;
                    if (!first) o.Write(' ');
                    first = false;
                    o.Write(F(X(s.Times[i])) + "," + F(Y(s.Values[i])));
                }
                o.Write("\"/>\n");
            }
            o.Write($"</g>\n<line class=\"cursor\" x1=\"{F(left)}\" x2=\"{F(left)}\" y1=\"{F(top)}\" y2=\"{F(h - bottom)}\" stroke=\"#000\" " +
                $"stroke-width=\"1\"/>\n");
            o.Write("</svg></section>\n");
        }

        private static double NiceStep(double raw)
        {
            if (raw <= 0) return 1;
            var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
            var n = raw / magnitude;
            return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * magnitude;
        }

        internal static string Resource(string name)
        {
            using var stream = typeof(IgtimiRacePicture).Assembly.GetManifestResourceStream("Igtimi.Client.Races.Picture." + name)
                               ?? throw new InvalidOperationException($"The resource {name} is missing from Igtimi.Client.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }

        /// <summary>A map coordinate: one decimal, invariant.</summary>
        internal static string F(double v) => Math.Round(v, 1).ToString("0.#", CultureInfo.InvariantCulture);

        /// <summary>A number as exact as a double prints (round-trip), invariant.</summary>
        internal static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

        internal static string Esc(string? text)
        {
            if (string.IsNullOrEmpty(text)) return "";
            var sb = new StringBuilder(text!.Length + 8);
            foreach (var c in text)
            {
                switch (c)
                {
                    case '&': sb.Append("&amp;"); break;
                    case '<': sb.Append("&lt;"); break;
                    case '>': sb.Append("&gt;"); break;
                    case '"': sb.Append("&quot;"); break;
                    case '\'': sb.Append("&#39;"); break;
                    default:
                        // Control characters are not allowed in XML 1.0.
                        if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') sb.Append(c);
                        break;
                }
            }
            return sb.ToString();
        }

        internal static string BoatColour(string? colour, int index)
        {
            if (!string.IsNullOrWhiteSpace(colour))
            {
                var c = colour!.Trim();
                if (System.Text.RegularExpressions.Regex.IsMatch(c, "^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$") ||
                    System.Text.RegularExpressions.Regex.IsMatch(c, "^[a-zA-Z]{3,20}$"))
                    return c;
            }
            return BoatColours[index % BoatColours.Length];
        }

        internal static JsonSerializerOptions JsonOptions { get; } = new JsonSerializerOptions { Encoder = JavaScriptEncoder.Default };

        internal const long Gap = GapMilliseconds;
        internal const double MapMargin = Margin;
        internal const string NoSpeed = NoSpeedColour;
    }
}
