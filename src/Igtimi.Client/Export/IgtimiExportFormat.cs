using System.IO;

namespace Igtimi.Client.Export
{
    /// <summary>The file formats Export-IgtimiData writes.</summary>
    public enum IgtimiExportFormat
    {
        /// <summary>Comma-separated values, wide: one row per device and timestamp, a column per value.</summary>
        Csv,

        /// <summary>GPX 1.1: one track per device, speed and course in Garmin TrackPointExtension v2.</summary>
        Gpx,

        /// <summary>GeoJSON (RFC 7946): a FeatureCollection with one LineString (or Point) per device.</summary>
        GeoJson,
    }

    public static class IgtimiExportFormats
    {
        /// <summary>The format a file name implies: .csv, .gpx, .geojson or .json (case-insensitive).</summary>
        public static bool TryFromPath(string path, out IgtimiExportFormat format)
        {
            var extension = Path.GetExtension(path ?? "");
            switch (extension.ToLowerInvariant())
            {
                case ".csv": format = IgtimiExportFormat.Csv; return true;
                case ".gpx": format = IgtimiExportFormat.Gpx; return true;
                case ".geojson":
                case ".json": format = IgtimiExportFormat.GeoJson; return true;
                default: format = default; return false;
            }
        }

        /// <summary>The extensions TryFromPath knows, for messages.</summary>
        public const string KnownExtensions = ".csv, .gpx, .geojson, .json";
    }

    /// <summary>How a writer spools; the defaults suit any size of export.</summary>
    public sealed class IgtimiExportOptions
    {
        /// <summary>
        /// Rows (device × timestamp) held in memory before the largest per-device buffers are written to
        /// the spool file as sorted runs. Default 100,000 (a few tens of MB at most).
        /// </summary>
        public int MaxBufferedRows { get; set; } = 100_000;

        /// <summary>Folder of the temporary spool file; default the system temp folder.</summary>
        public string? SpoolDirectory { get; set; }
    }
}
