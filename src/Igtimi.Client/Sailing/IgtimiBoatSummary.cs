using System;
using System.Collections.Generic;

namespace Igtimi.Client.Sailing
{
    /// <summary>One leg of a boat's race: from the previous passage (or the start signal) to the passage of its mark.</summary>
    public sealed class IgtimiLegSummary
    {
        public int Number { get; set; }
        public string From { get; set; } = "";
        public string To { get; set; } = "";
        public DateTimeOffset Start { get; set; }
        public DateTimeOffset End { get; set; }
        public TimeSpan Duration => End - Start;
        public double DistanceMetres { get; set; }
        public double DistanceNauticalMiles => DistanceMetres / GeoMath.MetresPerNauticalMile;

        /// <summary>Distance sailed over duration, knots.</summary>
        public double AverageSpeedKnots => Duration.TotalHours > 0 ? DistanceNauticalMiles / Duration.TotalHours : double.NaN;

        public override string ToString() => $"Leg {Number} {From} → {To}: {Duration:hh\\:mm\\:ss}";
    }

    /// <summary>A boat's race in numbers. A value the data cannot give is null, never a guess; a warning says why.</summary>
    public sealed class IgtimiBoatSummary
    {
        public string RaceName { get; set; } = "";
        public int Rank { get; set; }

        /// <summary>What the rank orders by: "legs" (legs completed, then the time of the last passage) or "average SOG".</summary>
        public string RankedBy { get; set; } = "";
        public string SerialNumber { get; set; } = "";
        public string? BoatName { get; set; }
        public string? SailNumber { get; set; }
        public string? Crew { get; set; }
        public DateTimeOffset RaceStart { get; set; }
        public DateTimeOffset RaceEnd { get; set; }

        public int Positions { get; set; }
        public DateTimeOffset? FirstFix { get; set; }
        public DateTimeOffset? LastFix { get; set; }

        /// <summary>From the start signal to the passage of the last mark when every leg was sailed, else from the first to the last fix.</summary>
        public TimeSpan? ElapsedTime { get; set; }

        /// <summary>The sum of great-circle distances between consecutive fixes.</summary>
        public double? DistanceMetres { get; set; }
        public double? DistanceNauticalMiles => DistanceMetres / GeoMath.MetresPerNauticalMile;

        /// <summary>The mean and the largest SOG sample, in the API's km/h.</summary>
        public double? AverageSogKmh { get; set; }
        public double? TopSogKmh { get; set; }
        public double? AverageSogKnots => AverageSogKmh / Data.IgtimiDataPoint.KmhPerKnot;
        public double? TopSogKnots => TopSogKmh / Data.IgtimiDataPoint.KmhPerKnot;

        /// <summary>Where the true wind came from: "boat sensor", "wind stations (…)", "manual wind" or "none".</summary>
        public string WindSource { get; set; } = "none";
        public double? AverageTwsKnots { get; set; }

        /// <summary>The mean VMG towards the wind while sailing upwind (|TWA| &lt; 90°), knots.</summary>
        public double? UpwindVmgKnots { get; set; }

        /// <summary>The mean VMG away from the wind while sailing downwind (|TWA| &gt; 90°), knots.</summary>
        public double? DownwindVmgKnots { get; set; }

        public int? Tacks { get; set; }
        public int? Gybes { get; set; }
        public IReadOnlyList<IgtimiManoeuvre> Manoeuvres { get; set; } = Array.Empty<IgtimiManoeuvre>();

        public IReadOnlyList<IgtimiLegSummary> Legs { get; set; } = Array.Empty<IgtimiLegSummary>();

        /// <summary>The course's legs (null when the race gives no usable course).</summary>
        public int? LegsInCourse { get; set; }

        /// <summary>The distance from the start line (between the start boat and the pin) at the start signal, metres.</summary>
        public double? StartLineDistanceMetres { get; set; }

        public IgtimiPolarTable? Polar { get; set; }

        public override string ToString() => $"{Rank}. {BoatName ?? SerialNumber}";
    }
}
