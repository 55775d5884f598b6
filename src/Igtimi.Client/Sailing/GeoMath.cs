using System;

namespace Igtimi.Client.Sailing
{
    /// <summary>Distances and bearings on the WGS84 mean sphere (docs/design/sailing-metrics.md section 2).</summary>
    public static class GeoMath
    {
        /// <summary>The mean Earth radius (IUGG), in metres.</summary>
        public const double EarthRadiusMetres = 6371008.8;

        public const double MetresPerNauticalMile = 1852.0;

        private const double Rad = Math.PI / 180;

        /// <summary>The great-circle distance in metres (haversine).</summary>
        public static double Distance(double lat1, double lon1, double lat2, double lon2)
        {
            var dLat = (lat2 - lat1) * Rad;
            var dLon = (lon2 - lon1) * Rad;
            var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) +
                    Math.Cos(lat1 * Rad) * Math.Cos(lat2 * Rad) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
            return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(a)));
        }

        /// <summary>The initial great-circle bearing from point 1 to point 2, in [0, 360).</summary>
        public static double Bearing(double lat1, double lon1, double lat2, double lon2)
        {
            var p1 = lat1 * Rad;
            var p2 = lat2 * Rad;
            var dLon = (lon2 - lon1) * Rad;
            var y = Math.Sin(dLon) * Math.Cos(p2);
            var x = Math.Cos(p1) * Math.Sin(p2) - Math.Sin(p1) * Math.Cos(p2) * Math.Cos(dLon);
            return Data.Angles.Normalize(Math.Atan2(y, x) / Rad);
        }

        /// <summary>
        /// The distance in metres from a point to the segment A–B, in a local flat projection centred on the point
        /// (east = Δlon·cos(lat)·R, north = Δlat·R): good to well under a metre over the few kilometres of a race course.
        /// </summary>
        public static double DistanceToSegment(double lat, double lon, double latA, double lonA, double latB, double lonB)
        {
            var k = Math.Cos(lat * Rad) * Rad * EarthRadiusMetres;
            var ax = (lonA - lon) * k;
            var ay = (latA - lat) * Rad * EarthRadiusMetres;
            var bx = (lonB - lon) * k;
            var by = (latB - lat) * Rad * EarthRadiusMetres;
            var dx = bx - ax;
            var dy = by - ay;
            var len2 = dx * dx + dy * dy;
            var t = len2 == 0 ? 0 : -(ax * dx + ay * dy) / len2;
            t = t < 0 ? 0 : t > 1 ? 1 : t;
            var px = ax + t * dx;
            var py = ay + t * dy;
            return Math.Sqrt(px * px + py * py);
        }

        /// <summary>The signed difference b − a of two directions, in (−180, 180].</summary>
        public static double AngleDifference(double a, double b)
        {
            var d = (b - a) % 360;
            if (d <= -180) d += 360;
            else if (d > 180) d -= 360;
            return d;
        }
    }
}
