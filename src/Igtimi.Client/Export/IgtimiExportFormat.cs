using System;
using System.Collections.Generic;
using System.IO;

namespace Igtimi.Client.Export
{
    /// <summary>The file formats Export-IgtimiData writes.</summary>
    public enum IgtimiExportFormat
    {
        /// <summary>Comma-separated values, wide: one row per device and timestamp, a column per value.</summary>
        Csv,

        /// <summary>GPX: one track per device with elevation, fix, satellites and HDOP; speed and course as GPX 1.1 allows.</summary>
        Gpx,

        /// <summary>GeoJSON (RFC 7946): a FeatureCollection with one LineString (or Point) per device, or one Point per position.</summary>
        GeoJson,

        /// <summary>NMEA 0183 sentences: RMC per position, HDT, MWV and VHW where heading, wind and water speed exist.</summary>
        Nmea,

        /// <summary>KML 2.2: a Placemark with a gx:Track (times and positions) per device.</summary>
        Kml,
    }

    /// <summary>The GPX version a GPX writer writes.</summary>
    public enum IgtimiGpxVersion
    {
        /// <summary>GPX 1.1, speed and course in the Garmin TrackPointExtension v2 (what Garmin tools and GPXSee read).</summary>
        Gpx11,

        /// <summary>GPX 1.0, speed and course in the standard &lt;speed&gt; and &lt;course&gt; elements (what gpsbabel and GDAL read).</summary>
        Gpx10,
    }

    public static class IgtimiExportFormats
    {
        /// <summary>The format a file name implies: .csv, .gpx, .geojson or .json, .nmea, .kml (case-insensitive).</summary>
        public static bool TryFromPath(string path, out IgtimiExportFormat format)
        {
            var extension = Path.GetExtension(path ?? "");
            switch (extension.ToLowerInvariant())
            {
                case ".csv": format = IgtimiExportFormat.Csv; return true;
                case ".gpx": format = IgtimiExportFormat.Gpx; return true;
                case ".geojson":
                case ".json": format = IgtimiExportFormat.GeoJson; return true;
                case ".nmea": format = IgtimiExportFormat.Nmea; return true;
                case ".kml": format = IgtimiExportFormat.Kml; return true;
                default: format = default; return false;
            }
        }

        /// <summary>The extensions TryFromPath knows, for messages.</summary>
        public const string KnownExtensions = ".csv, .gpx, .geojson, .json, .nmea, .kml";
    }

    /// <summary>How a writer spools and what it writes; the defaults suit any size of export.</summary>
    public sealed class IgtimiExportOptions
    {
        /// <summary>
        /// Rows (device × timestamp) held in memory before the largest per-device buffers are written to
        /// the spool file as sorted runs. Default 100,000 (a few tens of MB at most).
        /// </summary>
        public int MaxBufferedRows { get; set; } = 100_000;

        /// <summary>Folder of the temporary spool file; default the system temp folder.</summary>
        public string? SpoolDirectory { get; set; }

        /// <summary>
        /// Names of devices by serial number (a boat's name): GPX and KML tracks and GeoJSON features are named by
        /// them; a serial number without an entry names its track itself. Matched case-insensitively.
        /// </summary>
        public IReadOnlyDictionary<string, string>? TrackNames { get; set; }

        /// <summary>The GPX version of <see cref="IgtimiExportFormat.Gpx"/>; default GPX 1.1.</summary>
        public IgtimiGpxVersion GpxVersion { get; set; } = IgtimiGpxVersion.Gpx11;

        /// <summary>GeoJSON: one Point feature per position (with its values as properties) instead of one LineString per device.</summary>
        public bool GeoJsonPointFeatures { get; set; }

        internal string? TrackNameOf(string serialNumber)
        {
            if (TrackNames is null || string.IsNullOrEmpty(serialNumber)) return null;
            if (TrackNames.TryGetValue(serialNumber, out var name) && !string.IsNullOrWhiteSpace(name)) return name;
            foreach (var pair in TrackNames)
                if (string.Equals(pair.Key, serialNumber, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(pair.Value)) return pair.Value;
            return null;
        }
    }
}
