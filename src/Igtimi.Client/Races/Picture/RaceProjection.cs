using System;

namespace Igtimi.Client.Races.Picture
{
    /// <summary>
    /// The picture's map projection: equirectangular about the centre of the race area (lat0, lon0), which is true to a
    /// fraction of a percent over a race course of a few kilometres. In metres: east = (lon − lon0)·cos(lat0)·R·π/180 and
    /// north = (lat − lat0)·R·π/180 with R = 6,371,008.8 m (the mean Earth radius); on screen x = cx + east·scale and
    /// y = cy − north·scale, scale in units per metre. The SVG carries lat0, lon0, cx, cy and scale as data attributes so a
    /// reader can map its coordinates back to positions.
    /// </summary>
    public sealed class RaceProjection
    {
        public const double EarthRadiusMetres = 6371008.8;
        private const double Radians = Math.PI / 180;

        public RaceProjection(double lat0, double lon0, double scale, double cx, double cy)
        {
            Lat0 = lat0;
            Lon0 = lon0;
            Scale = scale;
            Cx = cx;
            Cy = cy;
            _east = Math.Cos(lat0 * Radians) * EarthRadiusMetres * Radians;
        }

        private readonly double _east;

        public double Lat0 { get; }
        public double Lon0 { get; }
        public double Scale { get; }
        public double Cx { get; }
        public double Cy { get; }

        public double X(double longitude) => Cx + (longitude - Lon0) * _east * Scale;

        public double Y(double latitude) => Cy - (latitude - Lat0) * EarthRadiusMetres * Radians * Scale;

        /// <summary>
        /// The projection that fits the box (minimum and maximum latitude and longitude) into width × height with a margin on
        /// each side; the height is chosen from the area's shape, between half and the whole width.
        /// </summary>
        public static RaceProjection Fit(double minLat, double maxLat, double minLon, double maxLon, double width, double margin, out double height)
        {
            var lat0 = (minLat + maxLat) / 2;
            var lon0 = (minLon + maxLon) / 2;
            var eastPerDegree = Math.Cos(lat0 * Radians) * EarthRadiusMetres * Radians;
            var spanX = Math.Max((maxLon - minLon) * eastPerDegree, 50);
            var spanY = Math.Max((maxLat - minLat) * EarthRadiusMetres * Radians, 50);
            height = Math.Round(Math.Min(width, Math.Max(width / 2, width * spanY / spanX)));
            var scale = Math.Min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY);
            return new RaceProjection(lat0, lon0, scale, width / 2, height / 2);
        }
    }
}
