using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Xml;
using Igtimi.Client.Data;

namespace Igtimi.Client.Export
{
    /// <summary>
    /// GPX (creator "IgtimiPS"): one &lt;trk&gt; per device, named by the boat's name where
    /// <see cref="IgtimiExportOptions.TrackNames"/> has one, else by its serial number (a second GPS source of a device,
    /// DSI ≠ 0, gets a track of its own, "NAME DSI n"), one &lt;trkseg&gt;, and a &lt;trkpt lat lon&gt; per position in
    /// time order. Samples with exactly the same timestamp as a position fill its slots in schema order:
    /// &lt;ele&gt; (gps_altitude, m), &lt;time&gt; (ISO-8601 UTC, milliseconds), &lt;fix&gt; (gps_quality_indicator,
    /// NMEA quality: 0 none, 1 2d or 3d (3d when the point has an altitude), 2 dgps, 3 pps; other values are left
    /// out), &lt;sat&gt; (gps_quality_sat_count), &lt;hdop&gt; (gps_quality_hdop).
    /// Speed (SOG, m/s, 4 decimals) and course (COG, degrees 0–360) have no slot in GPX 1.1: there they go into the
    /// Garmin TrackPointExtension v2 (gpxtpx:speed, gpxtpx:course), which Garmin tools and GPXSee read, but gpsbabel 1.8
    /// ignores and GDAL 3.6 shows only as one text field. <see cref="IgtimiGpxVersion.Gpx10"/> writes GPX 1.0 instead,
    /// whose &lt;course&gt; and &lt;speed&gt; elements gpsbabel and GDAL read as fields.
    /// Other types are not written (use CSV for every value). Positions with a NaN latitude or longitude are left out,
    /// as are NaN values. The tracks are assembled at Complete from the per-device spool.
    /// </summary>
    public sealed class IgtimiGpxDataWriter : IgtimiDataWriter
    {
        public const string GpxNamespace = "http://www.topografix.com/GPX/1/1";
        public const string Gpx10Namespace = "http://www.topografix.com/GPX/1/0";
        public const string TrackPointExtensionNamespace = "http://www.garmin.com/xmlschemas/TrackPointExtension/v2";
        private const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";

        private static readonly int[] Types = { 1, 2, 3, 4, 5, 6, 9 };

        public IgtimiGpxDataWriter(Stream output, IgtimiExportOptions? options = null) : base(output, options) { }

        public override IgtimiExportFormat Format => IgtimiExportFormat.Gpx;

        public override IReadOnlyCollection<int>? KeptTypes => Types;

        internal override bool SplitsTimelinesByDsi => true;

        /// <summary>The GPX &lt;fix&gt; value of an NMEA fix quality; null when GPX has none for it.</summary>
        internal static string? FixOf(double quality, bool hasAltitude)
        {
            if (!IsFinite(quality)) return null;
            switch ((int)quality == quality ? (int)quality : -1)
            {
                case 0: return "none";
                case 1: return hasAltitude ? "3d" : "2d";
                case 2: return "dgps";
                case 3: return "pps";
                default: return null;
            }
        }

        internal override void WriteDocument(Stream output, IReadOnlyList<ExportTimeline> timelines, CancellationToken cancellationToken)
        {
            var gpx10 = Options.GpxVersion == IgtimiGpxVersion.Gpx10;
            var ns = gpx10 ? Gpx10Namespace : GpxNamespace;
            var settings = new XmlWriterSettings
            {
                Encoding = new UTF8Encoding(false),
                Indent = true,
                IndentChars = " ",
                CloseOutput = false,
            };
            using var xml = XmlWriter.Create(output, settings);
            xml.WriteStartDocument();
            xml.WriteStartElement("gpx", ns);
            xml.WriteAttributeString("version", gpx10 ? "1.0" : "1.1");
            xml.WriteAttributeString("creator", "IgtimiPS");
            if (!gpx10) xml.WriteAttributeString("xmlns", "gpxtpx", null, TrackPointExtensionNamespace);
            xml.WriteAttributeString("xmlns", "xsi", null, XsiNamespace);
            xml.WriteAttributeString("schemaLocation", XsiNamespace, gpx10
                ? Gpx10Namespace + " http://www.topografix.com/GPX/1/0/gpx.xsd"
                : GpxNamespace + " http://www.topografix.com/GPX/1/1/gpx.xsd " +
                  TrackPointExtensionNamespace + " https://www8.garmin.com/xmlschemas/TrackPointExtensionv2.xsd");

            foreach (var timeline in timelines)
            {
                var lon = FindColumn(1, timeline.Dsi, 0);
                var lat = FindColumn(1, timeline.Dsi, 1);
                if (lat < 0 || lon < 0) continue;
                var quality = FindColumn(2, timeline.Dsi, 0);
                var satellites = FindColumn(3, timeline.Dsi, 0);
                var hdop = FindColumn(4, timeline.Dsi, 0);
                var altitude = FindColumn(5, timeline.Dsi, 0);
                var sog = FindColumn(9, timeline.Dsi, 0);
                var cog = FindColumn(6, timeline.Dsi, 0);
                var open = false;
                foreach (var row in Rows(timeline, cancellationToken))
                {
                    var latitude = row.Get(lat);
                    var longitude = row.Get(lon);
                    if (!IsFinite(latitude) || !IsFinite(longitude)) continue;
                    if (!open)
                    {
                        xml.WriteStartElement("trk", ns);
                        xml.WriteElementString("name", ns, TrackName(timeline));
                        xml.WriteStartElement("trkseg", ns);
                        open = true;
                    }
                    xml.WriteStartElement("trkpt", ns);
                    xml.WriteAttributeString("lat", FormatDecimal(latitude));
                    xml.WriteAttributeString("lon", FormatDecimal(longitude));
                    var elevation = row.Get(altitude);
                    if (IsFinite(elevation)) xml.WriteElementString("ele", ns, FormatDecimal(elevation));
                    xml.WriteElementString("time", ns, FormatTime(row.Time));
                    var speedKmh = row.Get(sog);
                    var course = row.Get(cog);
                    // GPX 1.0 order: ele, time, course, speed, …, fix, sat, hdop.
                    if (gpx10 && IsFinite(course)) xml.WriteElementString("course", ns, FormatDecimal(Angles.Normalize(course)));
                    if (gpx10 && IsFinite(speedKmh)) xml.WriteElementString("speed", ns, MetresPerSecond(speedKmh));
                    var fix = FixOf(row.Get(quality), IsFinite(elevation));
                    if (fix != null) xml.WriteElementString("fix", ns, fix);
                    var sat = row.Get(satellites);
                    if (IsFinite(sat) && sat >= 0) xml.WriteElementString("sat", ns, FormatDecimal(Math.Round(sat)));
                    var dilution = row.Get(hdop);
                    if (IsFinite(dilution)) xml.WriteElementString("hdop", ns, FormatDecimal(dilution));
                    if (!gpx10 && (IsFinite(speedKmh) || IsFinite(course)))
                    {
                        xml.WriteStartElement("extensions", ns);
                        xml.WriteStartElement("gpxtpx", "TrackPointExtension", TrackPointExtensionNamespace);
                        // Schema order: ... hr, cad, speed, course, bearing.
                        if (IsFinite(speedKmh)) xml.WriteElementString("gpxtpx", "speed", TrackPointExtensionNamespace, MetresPerSecond(speedKmh));
                        if (IsFinite(course))
                            xml.WriteElementString("gpxtpx", "course", TrackPointExtensionNamespace, FormatDecimal(Angles.Normalize(course)));
                        xml.WriteEndElement();
                        xml.WriteEndElement();
                    }
                    xml.WriteEndElement();
                }
                if (open)
                {
                    xml.WriteEndElement(); // trkseg
                    xml.WriteEndElement(); // trk
                }
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
            xml.Flush();
            output.WriteByte((byte)'\n');
        }

        private static string MetresPerSecond(double kmh) => FormatDecimal(Math.Round(kmh / KmhPerMetrePerSecond, 4));
    }
}
