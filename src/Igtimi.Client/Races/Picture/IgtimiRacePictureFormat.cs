using System.IO;

namespace Igtimi.Client.Races.Picture
{
    /// <summary>What Export-IgtimiRace writes.</summary>
    public enum IgtimiRacePictureFormat
    {
        /// <summary>One self-contained HTML page: map, time slider and play button, speed and VMG plots.</summary>
        Html,
        /// <summary>A static SVG picture of the map, the boats at the end of the race.</summary>
        Svg,
        /// <summary>KML 2.2 for Google Earth: a timed track per boat, the marks and the course.</summary>
        Kml,
    }

    public static class IgtimiRacePictureFormats
    {
        public const string KnownExtensions = ".html, .htm, .svg, .kml";

        public static bool TryFromPath(string path, out IgtimiRacePictureFormat format)
        {
            switch (Path.GetExtension(path ?? "").ToLowerInvariant())
            {
                case ".html":
                case ".htm": format = IgtimiRacePictureFormat.Html; return true;
                case ".svg": format = IgtimiRacePictureFormat.Svg; return true;
                case ".kml": format = IgtimiRacePictureFormat.Kml; return true;
                default: format = IgtimiRacePictureFormat.Html; return false;
            }
        }
    }
}
