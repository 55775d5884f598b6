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
    /// time order, or a Point when the device has a single position. Properties: serialNumber, name (the boat's
    /// name from <see cref="IgtimiExportOptions.TrackNames"/>, else the serial number), dsi (only when not 0), start, end (ISO-8601 UTC with milliseconds), pointCount, times (one per coordinate),
    /// and, when the device has any, speedKnots and courseDegrees aligned with the coordinates: the SOG
    /// (knots) and COG (degrees) samples with exactly the same timestamp as the position, else null.
    /// Other types are not written (use CSV for every value); positions with a NaN coordinate are left out.
    /// Written with Utf8JsonWriter at Complete, from the per-device spool, several passes per device.
    /// With <see cref="IgtimiExportOptions.GeoJsonPointFeatures"/> the collection holds one Point feature per position
    /// instead (devices one after another, in time order), with the properties serialNumber, name, dsi (only when
    /// not 0), time, and those of <see cref="PointProperties"/> that have a sample at exactly the position's time.
    /// </summary>
    public sealed class IgtimiGeoJsonDataWriter : IgtimiDataWriter
    {
        private const int FlushThreshold = 1 << 16;

        public IgtimiGeoJsonDataWriter(Stream output, IgtimiExportOptions? options = null) : base(output, options) { }

        public override IgtimiExportFormat Format => IgtimiExportFormat.GeoJson;

        private static readonly int[] TrackTypes = { 1, 6, 9 };

        /// <summary>The per-point properties: type code, property name, and the divisor of the API's value (km/h → knots).</summary>
        public static readonly IReadOnlyList<(int Type, string Name, double Divisor)> PointProperties = new[]
        {
            (9, "speedKnots", IgtimiDataPoint.KmhPerKnot),
            (6, "courseDegrees", 1.0),
            (8, "headingDegrees", 1.0),
            (10, "waterSpeedKnots", IgtimiDataPoint.KmhPerKnot),
            (11, "apparentWindAngleDegrees", 1.0),
            (12, "apparentWindSpeedKnots", IgtimiDataPoint.KmhPerKnot),
            (5, "altitudeMetres", 1.0),
            (2, "gpsQuality", 1.0),
            (3, "satellites", 1.0),
            (4, "hdop", 1.0),
        };

        private static readonly int[] PointTypes = { 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12 };

        public override IReadOnlyCollection<int>? KeptTypes => Options.GeoJsonPointFeatures ? PointTypes : TrackTypes;

        internal override bool SplitsTimelinesByDsi => true;

        internal override void WriteDocument(Stream output, IReadOnlyList<ExportTimeline> timelines, CancellationToken cancellationToken)
        {
            using var json = new Utf8JsonWriter(output,
                new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false });
            json.WriteStartObject();
            json.WriteString("type", "FeatureCollection");
            json.WriteStartArray("features");
            if (Options.GeoJsonPointFeatures) WritePointFeatures(json, timelines, cancellationToken);
            else WriteTrackFeatures(json, timelines, cancellationToken);
            json.WriteEndArray();
            json.WriteEndObject();
            json.Flush();
        }

        private void WritePointFeatures(Utf8JsonWriter json, IReadOnlyList<ExportTimeline> timelines, CancellationToken cancellationToken)
        {
            var columns = new int[PointProperties.Count];
            foreach (var timeline in timelines)
            {
                var lon = FindColumn(1, timeline.Dsi, 0);
                var lat = FindColumn(1, timeline.Dsi, 1);
                if (lat < 0 || lon < 0) continue;
                for (var i = 0; i < columns.Length; i++) columns[i] = FindColumn(PointProperties[i].Type, timeline.Dsi, 0);
                var name = TrackName(timeline);
                foreach (var row in Positions(timeline, lat, lon, cancellationToken))
                {
                    json.WriteStartObject();
                    json.WriteString("type", "Feature");
                    json.WriteStartObject("geometry");
                    json.WriteString("type", "Point");
                    json.WriteStartArray("coordinates");
                    json.WriteNumberValue(row.Get(lon));
                    json.WriteNumberValue(row.Get(lat));
                    json.WriteEndArray();
                    json.WriteEndObject();
                    json.WriteStartObject("properties");
                    json.WriteString("serialNumber", timeline.SerialNumber);
                    json.WriteString("name", name);
                    if (timeline.Dsi != 0) json.WriteNumber("dsi", timeline.Dsi);
                    json.WriteString("time", FormatTime(row.Time));
                    for (var i = 0; i < columns.Length; i++)
                    {
                        var value = row.Get(columns[i]);
                        if (!IsFinite(value)) continue;
                        var (type, property, divisor) = PointProperties[i];
                        if (type == 6 || type == 8 || type == 11) value = Angles.Normalize(value);
                        json.WriteNumber(property, value / divisor);
                    }
                    json.WriteEndObject();
                    json.WriteEndObject();
                    FlushIfFull(json);
                }
            }
        }

        private void WriteTrackFeatures(Utf8JsonWriter json, IReadOnlyList<ExportTimeline> timelines, CancellationToken cancellationToken)
        {
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
                json.WriteString("name", TrackName(timeline));
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
