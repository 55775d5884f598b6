using System;
using Igtimi.Client.Data;

namespace Igtimi.Client.Sailing
{
    /// <summary>A wind: where it blows from (degrees true) and how fast (knots).</summary>
    public readonly struct Wind
    {
        public Wind(double directionDegrees, double speedKnots)
        {
            DirectionDegrees = directionDegrees;
            SpeedKnots = speedKnots;
        }

        /// <summary>The direction the wind blows from, in [0, 360).</summary>
        public double DirectionDegrees { get; }
        public double SpeedKnots { get; }
        public bool IsKnown => !double.IsNaN(DirectionDegrees) && !double.IsNaN(SpeedKnots);

        public static readonly Wind Unknown = new Wind(double.NaN, double.NaN);

        public override string ToString() => FormattableString.Invariant($"{SpeedKnots:0.0} kn from {DirectionDegrees:0}°");
    }

    /// <summary>True wind from apparent wind and the boat's motion (docs/design/sailing-metrics.md section 3).</summary>
    public static class TrueWind
    {
        private const double Rad = Math.PI / 180;

        /// <summary>
        /// The true wind over ground. The apparent wind comes from heading + AWA at AWS; the air moves the other way,
        /// so its velocity (east, north) is −AWS·(sin, cos)(heading + AWA). The boat moves at SOG along COG. The
        /// true air velocity is the apparent one plus the boat's; TWS is its length, TWD the direction it comes from.
        /// Any speed unit works as long as AWS and SOG share it; the result is in that unit.
        /// </summary>
        public static Wind FromApparent(double awaDegrees, double aws, double headingDegrees, double sog, double cogDegrees)
        {
            if (double.IsNaN(awaDegrees) || double.IsNaN(aws) || double.IsNaN(headingDegrees)) return Wind.Unknown;
            if (double.IsNaN(sog) || double.IsNaN(cogDegrees)) { sog = 0; cogDegrees = 0; }
            var from = (headingDegrees + awaDegrees) * Rad;
            var east = -aws * Math.Sin(from) + sog * Math.Sin(cogDegrees * Rad);
            var north = -aws * Math.Cos(from) + sog * Math.Cos(cogDegrees * Rad);
            var speed = Math.Sqrt(east * east + north * north);
            // A calm has no direction.
            if (speed < 1e-9) return new Wind(double.NaN, 0);
            return new Wind(Angles.Normalize(Math.Atan2(-east, -north) / Rad), speed);
        }

        /// <summary>The true wind angle: where the wind comes from relative to the bow, in (−180, 180]; positive on starboard.</summary>
        public static double Angle(double twdDegrees, double headingDegrees) => GeoMath.AngleDifference(headingDegrees, twdDegrees);

        /// <summary>Velocity made good towards the wind: SOG·cos(COG − TWD); positive when the boat gains upwind.</summary>
        public static double Vmg(double sog, double cogDegrees, double twdDegrees) => sog * Math.Cos((cogDegrees - twdDegrees) * Rad);
    }
}
