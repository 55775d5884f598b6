using System;
using System.Collections.Generic;

namespace Igtimi.Client.Races
{
    /// <summary>
    /// A race: a time window, its boats, marks, course and wind. Minimal; the race-object work owns this type and
    /// its builders (Get-IgtimiRace, New-IgtimiRace).
    /// </summary>
    public sealed class IgtimiRace
    {
        public string? Name { get; set; }
        public long? SessionId { get; set; }
        public DateTimeOffset Start { get; set; }
        public DateTimeOffset End { get; set; }
        public IReadOnlyList<IgtimiRaceBoat> Boats { get; set; } = Array.Empty<IgtimiRaceBoat>();
        public IReadOnlyList<IgtimiRaceMark> Marks { get; set; } = Array.Empty<IgtimiRaceMark>();

        /// <summary>The course direction (bearing of the first leg, where the wind comes from), in degrees.</summary>
        public double? CourseDirection { get; set; }

        /// <summary>Mark names in the order they are rounded.</summary>
        public IReadOnlyList<string> Course { get; set; } = Array.Empty<string>();

        public IReadOnlyList<IgtimiManualWind> ManualWind { get; set; } = Array.Empty<IgtimiManualWind>();

        public override string ToString() => Name ?? $"{Start.UtcDateTime:u} – {End.UtcDateTime:u}";
    }
}
