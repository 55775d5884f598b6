using System.Collections.Generic;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading;
using Igtimi.Client.Data;

namespace Igtimi.Client.Export
{
    /// <summary>
    /// GeoJSON (RFC 7946): a FeatureCollection with one Feature per device (a second GPS source of a
    /// device, DSI ≠ 0, gets a feature of its own): a LineString of [longitude, latitude] positions in
    /// time order, or a Point when the device has a single position. Properties: serialNumber, dsi (only
    /// when not 0), start, end (ISO-8601 UTC with milliseconds), pointCount, times (one per coordinate),
    /// and, when the device has any, speedKnots and courseDegrees aligned with the coordinates: the SOG
    /// (knots) and COG (degrees) samples with exactly the same timestamp as the position, else null.
    /// Other types are not written (use CSV for every value); positions with a NaN coordinate are left out.
    /// Written with Utf8JsonWriter at Complete, from the per-device spool, several passes per device.
    /// </summary>
    public sealed class IgtimiGeoJsonDataWriter : IgtimiDataWriter
    {
        private const int FlushThreshold = 1 << 16;

        public IgtimiGeoJsonDataWriter(Stream output, IgtimiExportOptions? options = null) : base(output, options) { }

        public override IgtimiExportFormat Format => IgtimiExportFormat.GeoJson;

        internal override bool Accepts(int type) => type == 1 || type == 6 || type == 9;

        internal override bool SplitsTimelinesByDsi => true;

        internal override void WriteDocument(Stream output, IReadOnlyList<ExportTimeline> timelines, CancellationToken cancellationToken)
        {
            using var json = new Utf8JsonWriter(output,
                new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false });
            json.WriteStartObject();
            json.WriteString("type", "FeatureCollection");
            json.WriteStartArray("features");
            foreach (var timeline in timelines)
            {
                var lon = FindColumn(1, timeline.Dsi, 0);
                var lat = FindColumn(1, timeline.Dsi, 1);
                if (lat < 0 || lon < 0) continue;
                var sog = FindColumn(9, timeline.Dsi, 0);
                var cog = FindColumn(6, timeline.Dsi, 0);

                // Pass 1: how many positions, first and last time, whether speeds and courses occur.
                long count = 0, start = 0, end = 0;
                bool anySpeed = false, anyCourse = false;
                double firstLat = double.NaN, firstLon = double.NaN;
                foreach (var row in Positions(timeline, lat, lon, cancellationToken))
                {
                    if (count == 0)
                    {
                        start = row.Time;
                        firstLat = row.Get(lat);
                        firstLon = row.Get(lon);
                    }
                    end = row.Time;
                    count++;
                    anySpeed |= IsFinite(row.Get(sog));
                    anyCourse |= IsFinite(row.Get(cog));
                }
                if (count == 0) continue;

                json.WriteStartObject();
                json.WriteString("type", "Feature");
                json.WriteStartObject("geometry");
                if (count == 1)
                {
                    json.WriteString("type", "Point");
                    json.WriteStartArray("coordinates");
                    json.WriteNumberValue(firstLon);
                    json.WriteNumberValue(firstLat);
                    json.WriteEndArray();
                }
                else
                {
                    json.WriteString("type", "LineString");
                    json.WriteStartArray("coordinates");
                    foreach (var row in Positions(timeline, lat, lon, cancellationToken))
                    {
                        json.WriteStartArray();
                        json.WriteNumberValue(row.Get(lon));
                        json.WriteNumberValue(row.Get(lat));
                        json.WriteEndArray();
                        FlushIfFull(json);
                    }
                    json.WriteEndArray();
                }
                json.WriteEndObject(); // geometry

                json.WriteStartObject("properties");
                json.WriteString("serialNumber", timeline.SerialNumber);
                if (timeline.Dsi != 0) json.WriteNumber("dsi", timeline.Dsi);
                json.WriteString("start", FormatTime(start));
                json.WriteString("end", FormatTime(end));
                json.WriteNumber("pointCount", count);
                json.WriteStartArray("times");
                foreach (var row in Positions(timeline, lat, lon, cancellationToken))
                {
                    json.WriteStringValue(FormatTime(row.Time));
                    FlushIfFull(json);
                }
                json.WriteEndArray();
                if (anySpeed)
                    WriteAligned(json, "speedKnots", timeline, lat, lon, sog, Igtimi.Client.Data.IgtimiDataPoint.KmhPerKnot, false, cancellationToken);
                if (anyCourse) WriteAligned(json, "courseDegrees", timeline, lat, lon, cog, 1, true, cancellationToken);
                json.WriteEndObject(); // properties
                json.WriteEndObject(); // feature
                FlushIfFull(json);
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.Flush();
        }

        private void WriteAligned(Utf8JsonWriter json, string name, ExportTimeline timeline, int lat, int lon, int column, double divisor, bool degrees,
            CancellationToken cancellationToken)
        {
            json.WriteStartArray(name);
            foreach (var row in Positions(timeline, lat, lon, cancellationToken))
            {
                var value = row.Get(column);
                if (!IsFinite(value)) json.WriteNullValue();
                else json.WriteNumberValue(degrees ? Angles.Normalize(value) : value / divisor);
                FlushIfFull(json);
            }
            json.WriteEndArray();
        }

        private IEnumerable<ExportRow> Positions(ExportTimeline timeline, int lat, int lon, CancellationToken cancellationToken)
        {
            foreach (var row in Rows(timeline, cancellationToken))
                if (IsFinite(row.Get(lat)) && IsFinite(row.Get(lon))) yield return row;
        }

        private static void FlushIfFull(Utf8JsonWriter json)
        {
            if (json.BytesPending > FlushThreshold) json.Flush();
        }
    }
}
