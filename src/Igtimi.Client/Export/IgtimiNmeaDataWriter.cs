using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using Igtimi.Client.Data;

namespace Igtimi.Client.Export
{
    /// <summary>
    /// NMEA 0183 sentences, ASCII, CRLF line ends, each with its checksum. For every timestamp of a device, in time order:
    /// <list type="bullet">
    /// <item>$GPRMC when it has a position: UTC time with milliseconds (hhmmss.sss), status A, latitude and longitude
    /// (degrees and minutes, 6 decimals), SOG in knots and COG in degrees true when a sample has exactly that time
    /// (else empty fields), the date (ddmmyy), no magnetic variation, mode A;</item>
    /// <item>$IIHDT when it has a true heading (hdg);</item>
    /// <item>$IIVHW when it has a speed through water (stw): heading true and magnetic where present, knots and km/h;</item>
    /// <item>$IIMWV when it has an apparent wind angle or speed (awa, aws): the angle relative to the bow (R), 0–360,
    /// and the speed in knots (N).</item>
    /// </list>
    /// HDT, VHW and MWV have no time of their own: readers give them the time of the RMC before them, as they would on a
    /// boat's bus. NMEA is one receiver's stream and names no device, so several devices (or a second GPS source, DSI ≠ 0)
    /// follow one after another, in serial-number order; export one device per file for tools that expect one track.
    /// Other types are not written (use CSV for every value).
    /// </summary>
    public sealed class IgtimiNmeaDataWriter : IgtimiDataWriter
    {
        private static readonly int[] Types = { 1, 6, 7, 8, 9, 10, 11, 12 };

        public IgtimiNmeaDataWriter(Stream output, IgtimiExportOptions? options = null) : base(output, options) { }

        public override IgtimiExportFormat Format => IgtimiExportFormat.Nmea;

        public override IReadOnlyCollection<int>? KeptTypes => Types;

        internal override bool SplitsTimelinesByDsi => true;

        internal override void WriteDocument(Stream output, IReadOnlyList<ExportTimeline> timelines, CancellationToken cancellationToken)
        {
            using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            var line = new StringBuilder(96);
            foreach (var timeline in timelines)
            {
                var d = timeline.Dsi;
                int lon = FindColumn(1, d, 0), lat = FindColumn(1, d, 1), cog = FindColumn(6, d, 0), hdgm = FindColumn(7, d, 0);
                int hdg = FindColumn(8, d, 0), sog = FindColumn(9, d, 0), stw = FindColumn(10, d, 0), awa = FindColumn(11, d, 0);
                int aws = FindColumn(12, d, 0);
                foreach (var row in Rows(timeline, cancellationToken))
                {
                    var latitude = row.Get(lat);
                    var longitude = row.Get(lon);
                    var time = DateTimeOffset.FromUnixTimeMilliseconds(row.Time).UtcDateTime;
                    if (IsFinite(latitude) && IsFinite(longitude))
                    {
                        Start(line, "GPRMC").Append(time.ToString("HHmmss.fff", CultureInfo.InvariantCulture)).Append(",A,");
                        AppendCoordinate(line, latitude, 2, 'N', 'S');
                        line.Append(',');
                        AppendCoordinate(line, longitude, 3, 'E', 'W');
                        line.Append(',');
                        AppendFixed(line, row.Get(sog) / IgtimiDataPoint.KmhPerKnot, 3);
                        line.Append(',');
                        AppendAngle(line, row.Get(cog));
                        line.Append(',').Append(time.ToString("ddMMyy", CultureInfo.InvariantCulture)).Append(",,,A");
                        Finish(writer, line);
                    }
                    var heading = row.Get(hdg);
                    if (IsFinite(heading))
                    {
                        AppendAngle(Start(line, "IIHDT"), heading);
                        line.Append(",T");
                        Finish(writer, line);
                    }
                    var waterSpeed = row.Get(stw);
                    if (IsFinite(waterSpeed))
                    {
                        AppendAngle(Start(line, "IIVHW"), heading);
                        line.Append(",T,");
                        AppendAngle(line, row.Get(hdgm));
                        line.Append(",M,");
                        AppendFixed(line, waterSpeed / IgtimiDataPoint.KmhPerKnot, 3);
                        line.Append(",N,");
                        AppendFixed(line, waterSpeed, 3);
                        line.Append(",K");
                        Finish(writer, line);
                    }
                    var windAngle = row.Get(awa);
                    var windSpeed = row.Get(aws);
                    if (IsFinite(windAngle) || IsFinite(windSpeed))
                    {
                        AppendAngle(Start(line, "IIMWV"), windAngle);
                        line.Append(",R,");
                        AppendFixed(line, windSpeed / IgtimiDataPoint.KmhPerKnot, 3);
                        line.Append(",N,").Append(IsFinite(windAngle) && IsFinite(windSpeed) ? 'A' : 'V');
                        Finish(writer, line);
                    }
                }
            }
            writer.Flush();
        }

        private static StringBuilder Start(StringBuilder line, string address)
        {
            line.Clear();
            return line.Append('$').Append(address).Append(',');
        }

        /// <summary>Appends "*hh" (the XOR of every character between '$' and '*') and writes the line with CRLF.</summary>
        private static void Finish(TextWriter writer, StringBuilder line)
        {
            var sum = 0;
            for (var i = 1; i < line.Length; i++) sum ^= line[i];
            line.Append('*').Append(sum.ToString("X2", CultureInfo.InvariantCulture)).Append("\r\n");
            writer.Write(line.ToString());
        }

        /// <summary>ddmm.mmmmmm (latitude, 2 degree digits) or dddmm.mmmmmm (longitude, 3), then the hemisphere.</summary>
        internal static void AppendCoordinate(StringBuilder line, double degrees, int degreeDigits, char positive, char negative)
        {
            var magnitude = Math.Abs(degrees);
            // Rounded in millionths of a minute first, so 59.9999999 minutes carries into the degrees.
            var micro = (long)Math.Round(magnitude * 60_000_000d, MidpointRounding.AwayFromZero);
            var whole = micro / 60_000_000;
            var minutes = (micro - whole * 60_000_000) / 1_000_000d;
            line.Append(whole.ToString(new string('0', degreeDigits), CultureInfo.InvariantCulture))
                .Append(minutes.ToString("00.000000", CultureInfo.InvariantCulture))
                .Append(',').Append(degrees < 0 ? negative : positive);
        }

        private static void AppendFixed(StringBuilder line, double value, int decimals)
        {
            if (IsFinite(value)) line.Append(value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        }

        private static void AppendAngle(StringBuilder line, double degrees)
        {
            if (!IsFinite(degrees)) return;
            var normal = Math.Round(Angles.Normalize(degrees), 2);
            line.Append((normal >= 360 ? 0 : normal).ToString("0.00", CultureInfo.InvariantCulture));
        }
    }
}
