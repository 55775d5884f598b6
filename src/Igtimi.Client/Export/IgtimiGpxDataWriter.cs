using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Xml;
using Igtimi.Client.Data;

namespace Igtimi.Client.Export
{
    /// <summary>
    /// GPX 1.1 (creator "IgtimiPS"): one &lt;trk&gt; per device, named by its serial number (a second GPS
    /// source of a device, DSI ≠ 0, gets a track of its own named "SERIAL DSI n"), one &lt;trkseg&gt;, and a
    /// &lt;trkpt lat lon&gt; with &lt;time&gt; (ISO-8601 UTC, milliseconds) per position in time order.
    /// SOG and COG samples with exactly the same timestamp as a position are attached to it as
    /// gpxtpx:speed (m/s, 4 decimals) and gpxtpx:course (degrees, 0–360) in the Garmin TrackPointExtension v2, the usual
    /// place in GPX 1.1 (Garmin tools, GPXSee and others read it; gpsbabel 1.8 ignores it, and GDAL 3.6
    /// shows it as one text field gpxtpx_TrackPointExtension holding both elements). Other types are not written (use CSV for every value).
    /// Positions with a NaN latitude or longitude are left out, as are NaN speeds and courses.
    /// The tracks are assembled at Complete from the per-device spool.
    /// </summary>
    public sealed class IgtimiGpxDataWriter : IgtimiDataWriter
    {
        public const string GpxNamespace = "http://www.topografix.com/GPX/1/1";
        public const string TrackPointExtensionNamespace = "http://www.garmin.com/xmlschemas/TrackPointExtension/v2";
        private const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";

        public IgtimiGpxDataWriter(Stream output, IgtimiExportOptions? options = null) : base(output, options) { }

        public override IgtimiExportFormat Format => IgtimiExportFormat.Gpx;

        internal override bool Accepts(int type) => type == 1 || type == 6 || type == 9;

        internal override bool SplitsTimelinesByDsi => true;

        internal override void WriteDocument(Stream output, IReadOnlyList<ExportTimeline> timelines, CancellationToken cancellationToken)
        {
            var settings = new XmlWriterSettings
            {
                Encoding = new UTF8Encoding(false),
                Indent = true,
                IndentChars = " ",
                CloseOutput = false,
            };
            using var xml = XmlWriter.Create(output, settings);
            xml.WriteStartDocument();
            xml.WriteStartElement("gpx", GpxNamespace);
            xml.WriteAttributeString("version", "1.1");
            xml.WriteAttributeString("creator", "IgtimiPS");
            xml.WriteAttributeString("xmlns", "gpxtpx", null, TrackPointExtensionNamespace);
            xml.WriteAttributeString("xmlns", "xsi", null, XsiNamespace);
            xml.WriteAttributeString("schemaLocation", XsiNamespace,
                GpxNamespace + " http://www.topografix.com/GPX/1/1/gpx.xsd " +
                TrackPointExtensionNamespace + " https://www8.garmin.com/xmlschemas/TrackPointExtensionv2.xsd");

            foreach (var timeline in timelines)
            {
                var lon = FindColumn(1, timeline.Dsi, 0);
                var lat = FindColumn(1, timeline.Dsi, 1);
                if (lat < 0 || lon < 0) continue;
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
                        xml.WriteStartElement("trk", GpxNamespace);
                        xml.WriteElementString("name", GpxNamespace, TrackName(timeline));
                        xml.WriteStartElement("trkseg", GpxNamespace);
                        open = true;
                    }
                    xml.WriteStartElement("trkpt", GpxNamespace);
                    xml.WriteAttributeString("lat", FormatDecimal(latitude));
                    xml.WriteAttributeString("lon", FormatDecimal(longitude));
                    xml.WriteElementString("time", GpxNamespace, FormatTime(row.Time));
                    var speedKmh = row.Get(sog);
                    var course = row.Get(cog);
                    if (IsFinite(speedKmh) || IsFinite(course))
                    {
                        xml.WriteStartElement("extensions", GpxNamespace);
                        xml.WriteStartElement("gpxtpx", "TrackPointExtension", TrackPointExtensionNamespace);
                        // Schema order: ... hr, cad, speed, course, bearing.
                        if (IsFinite(speedKmh))
                            xml.WriteElementString("gpxtpx", "speed", TrackPointExtensionNamespace,
                                FormatDecimal(Math.Round(speedKmh / KmhPerMetrePerSecond, 4)));
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

        internal static string TrackName(ExportTimeline timeline) =>
            timeline.Dsi == 0 ? timeline.SerialNumber : timeline.SerialNumber + " DSI " + timeline.Dsi.ToString(CultureInfo.InvariantCulture);
    }
}
