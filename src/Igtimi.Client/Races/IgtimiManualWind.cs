using System;

namespace Igtimi.Client.Races
{
    /// <summary>A wind entered by hand in the session log: the direction it blows from, and its speed.</summary>
    public sealed class IgtimiManualWind
    {
        public DateTimeOffset? Time { get; set; }
        public double? DirectionDegrees { get; set; }
        public double? SpeedKnots { get; set; }

        public override string ToString() => FormattableString.Invariant($"{SpeedKnots:0.#} kn from {DirectionDegrees:0}°");
    }
}
