using System;
using System.Collections.Generic;

namespace Igtimi.Client.Races
{
    /// <summary>A race: its window, boats, marks, course and manual wind (from a session and its log, or given by hand).</summary>
    public sealed class IgtimiRace
    {
        public string Name { get; set; } = "";
        public long? SessionId { get; set; }
        public DateTimeOffset Start { get; set; }
        public DateTimeOffset End { get; set; }
        public IReadOnlyList<IgtimiRaceBoat> Boats { get; set; } = Array.Empty<IgtimiRaceBoat>();
        public IReadOnlyList<IgtimiRaceMark> Marks { get; set; } = Array.Empty<IgtimiRaceMark>();

        /// <summary>The bearing of the first leg, in degrees, when the log gives it.</summary>
        public double? CourseDirection { get; set; }

        /// <summary>Mark names in the order they are sailed.</summary>
        public IReadOnlyList<string> Course { get; set; } = Array.Empty<string>();

        public IReadOnlyList<IgtimiManualWind> ManualWind { get; set; } = Array.Empty<IgtimiManualWind>();

        public override string ToString() => Name;
    }

    /// <summary>A boat of a race: the device it carries and who sails it.</summary>
    public sealed class IgtimiRaceBoat
    {
        public string SerialNumber { get; set; } = "";
        public string? BoatName { get; set; }
        public string? SailNumber { get; set; }
        public string? Crew { get; set; }
        public string? Colour { get; set; }

        public override string ToString() => BoatName ?? SerialNumber;
    }

    /// <summary>A mark of a race; Role is the log's buoy type (mark, gate, start_boat, start_pin, …).</summary>
    public sealed class IgtimiRaceMark
    {
        public string Name { get; set; } = "";
        public double Latitude { get; set; }
        public double Longitude { get; set; }
        public string? Role { get; set; }

        public override string ToString() => Name;
    }

    /// <summary>A wind the race officer entered in the log: from this time on, the wind blows from DirectionDegrees.</summary>
    public sealed class IgtimiManualWind
    {
        public DateTimeOffset Time { get; set; }
        public double DirectionDegrees { get; set; }
        public double SpeedKnots { get; set; }
    }
}
