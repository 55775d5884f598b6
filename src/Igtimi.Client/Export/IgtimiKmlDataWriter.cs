using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Xml;

namespace Igtimi.Client.Export
{
    /// <summary>
    /// KML 2.2: a Document ("IgtimiPS export") with one Placemark per device (a second GPS source, DSI ≠ 0, gets one of
    /// its own), named by the boat's name where <see cref="IgtimiExportOptions.TrackNames"/> has one, else by the serial
    /// number, with the serial number as its description. Its geometry is a gx:Track: every position's &lt;when&gt;
    /// (ISO-8601 UTC, milliseconds), then its &lt;gx:coord&gt; ("longitude latitude altitude"). When every position of
    /// the track has a gps_altitude sample at exactly its time the track is altitudeMode absolute with those altitudes;
    /// otherwise clampToGround with altitude 0. Google Earth, gpsbabel and GDAL's LIBKML driver read gx:Track.
    /// Other types are not written (use CSV for every value); positions with a NaN coordinate are left out.
    /// </summary>
    public sealed class IgtimiKmlDataWriter : IgtimiDataWriter
    {
        public const string KmlNamespace = "http://www.opengis.net/kml/2.2";
        public const string GxNamespace = "http://www.google.com/kml/ext/2.2";

        private static readonly int[] Types = { 1, 5 };

        public IgtimiKmlDataWriter(Stream output, IgtimiExportOptions? options = null) : base(output, options) { }

        public override IgtimiExportFormat Format => IgtimiExportFormat.Kml;

        public override IReadOnlyCollection<int>? KeptTypes => Types;

        internal override bool SplitsTimelinesByDsi => true;

        internal override void WriteDocument(Stream output, IReadOnlyList<ExportTimeline> timelines, CancellationToken cancellationToken)
        {
            var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, IndentChars = " ", CloseOutput = false };
            using var xml = XmlWriter.Create(output, settings);
            xml.WriteStartDocument();
            xml.WriteStartElement("kml", KmlNamespace);
            xml.WriteAttributeString("xmlns", "gx", null, GxNamespace);
            xml.WriteStartElement("Document", KmlNamespace);
            xml.WriteElementString("name", KmlNamespace, "IgtimiPS export");
            foreach (var timeline in timelines)
            {
                var lon = FindColumn(1, timeline.Dsi, 0);
                var lat = FindColumn(1, timeline.Dsi, 1);
                if (lat < 0 || lon < 0) continue;
                var alt = FindColumn(5, timeline.Dsi, 0);

                // Pass 1: any position at all, and whether every one has an altitude.
                long count = 0;
                var allAltitudes = alt >= 0;
                foreach (var row in Positions(timeline, lat, lon, cancellationToken))
                {
                    count++;
                    allAltitudes &= IsFinite(row.Get(alt));
                }
                if (count == 0) continue;

                xml.WriteStartElement("Placemark", KmlNamespace);
                xml.WriteElementString("name", KmlNamespace, TrackName(timeline));
                xml.WriteElementString("description", KmlNamespace, timeline.Dsi == 0
                    ? timeline.SerialNumber
                    : timeline.SerialNumber + " DSI " + timeline.Dsi.ToString(CultureInfo.InvariantCulture));
                xml.WriteStartElement("gx", "Track", GxNamespace);
                xml.WriteElementString("altitudeMode", KmlNamespace, allAltitudes ? "absolute" : "clampToGround");
                foreach (var row in Positions(timeline, lat, lon, cancellationToken))
                    xml.WriteElementString("when", KmlNamespace, FormatTime(row.Time));
                foreach (var row in Positions(timeline, lat, lon, cancellationToken))
                {
                    var coord = FormatDecimal(row.Get(lon)) + " " + FormatDecimal(row.Get(lat)) + " " + (allAltitudes ? FormatDecimal(row.Get(alt)) : "0");
                    xml.WriteElementString("gx", "coord", GxNamespace, coord);
                }
                xml.WriteEndElement(); // gx:Track
                xml.WriteEndElement(); // Placemark
            }
            xml.WriteEndElement(); // Document
            xml.WriteEndElement(); // kml
            xml.WriteEndDocument();
            xml.Flush();
            output.WriteByte((byte)'\n');
        }

        private IEnumerable<ExportRow> Positions(ExportTimeline timeline, int lat, int lon, CancellationToken cancellationToken)
        {
            foreach (var row in Rows(timeline, cancellationToken))
                if (IsFinite(row.Get(lat)) && IsFinite(row.Get(lon))) yield return row;
        }
    }
}
