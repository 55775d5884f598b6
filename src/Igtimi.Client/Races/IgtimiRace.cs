using System;
using System.Collections.Generic;
using System.Linq;

namespace Igtimi.Client.Races
{
    /// <summary>
    /// A race: a time window, the boats that sailed it (by device serial number), the marks, the course or its direction,
    /// and the wind the race officer entered. Built from a session and its log by <see cref="IgtimiRaceBuilder"/>, or made
    /// from a window and serial numbers by <see cref="IgtimiRace.Create"/> where the server keeps no sessions (SAP).
    /// </summary>
    public sealed class IgtimiRace
    {
        public string Name { get; set; } = "";

        /// <summary>The session the race was built from; null for a race made without a session.</summary>
        public long? SessionId { get; set; }

        public DateTimeOffset Start { get; set; }
        public DateTimeOffset End { get; set; }
        public TimeSpan Duration => End - Start;

        public IReadOnlyList<IgtimiRaceBoat> Boats { get; set; } = Array.Empty<IgtimiRaceBoat>();
        public IReadOnlyList<IgtimiRaceMark> Marks { get; set; } = Array.Empty<IgtimiRaceMark>();

        /// <summary>The wind sensors (WindBots) the log places on the course, with their serial numbers.</summary>
        public IReadOnlyList<IgtimiRaceWindSensor> WindSensors { get; set; } = Array.Empty<IgtimiRaceWindSensor>();

        /// <summary>The course direction of the log (the first leg's bearing, usually the wind axis), in degrees; null when the log has none.</summary>
        public double? CourseDirection { get; set; }

        /// <summary>Mark names in the order they are rounded, when the log gives a course; empty otherwise (the module never guesses one).</summary>
        public IReadOnlyList<string> Course { get; set; } = Array.Empty<string>();

        /// <summary>Wind entered by the race officer, in log order.</summary>
        public IReadOnlyList<IgtimiManualWind> ManualWind { get; set; } = Array.Empty<IgtimiManualWind>();

        /// <summary>The serial numbers of the boats, in log order.</summary>
        public IReadOnlyList<string> SerialNumbers => Boats.Select(b => b.SerialNumber).ToList();

        /// <summary>The boat with this serial number (case-insensitive), or null.</summary>
        public IgtimiRaceBoat? FindBoat(string serialNumber) =>
            Boats.FirstOrDefault(b => string.Equals(b.SerialNumber, serialNumber, StringComparison.OrdinalIgnoreCase));

        /// <summary>
        /// A race without a session: a window and the boats' serial numbers, with boat names where given (null or blank: none).
        /// </summary>
        /// <exception cref="ArgumentException">The end is before the start, no serial number is given, a serial is blank or given twice,
        /// or there are more names than serial numbers.</exception>
        public static IgtimiRace Create(string? name, DateTimeOffset start, DateTimeOffset end, IReadOnlyList<string> serialNumbers,
            IReadOnlyList<string?>? boatNames = null)
        {
            if (serialNumbers is null || serialNumbers.Count == 0)
                throw new ArgumentException("A race needs at least one serial number.", nameof(serialNumbers));
            if (end < start) throw new ArgumentException($"The end ({end.UtcDateTime:u}) is before the start ({start.UtcDateTime:u}).", nameof(end));
            if (boatNames != null && boatNames.Count > serialNumbers.Count)
                throw new ArgumentException($"{boatNames.Count} boat names were given for {serialNumbers.Count} serial number(s); " +
                                            "give one name per serial number, in the same order.", nameof(boatNames));
            var boats = new List<IgtimiRaceBoat>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < serialNumbers.Count; i++)
            {
                var serial = serialNumbers[i]?.Trim();
                if (string.IsNullOrEmpty(serial)) throw new ArgumentException("A serial number is blank.", nameof(serialNumbers));
                if (!seen.Add(serial!)) throw new ArgumentException($"The serial number '{serial}' is given twice.", nameof(serialNumbers));
                var boatName = boatNames != null && i < boatNames.Count && !string.IsNullOrWhiteSpace(boatNames[i]) ? boatNames[i]!.Trim() : null;
                boats.Add(new IgtimiRaceBoat { SerialNumber = serial!, BoatName = boatName });
            }
            return new IgtimiRace
            {
                Name = string.IsNullOrWhiteSpace(name) ? FormattableString.Invariant($"Race {start.UtcDateTime:yyyy-MM-dd HH:mm}") : name!.Trim(),
                Start = start.ToUniversalTime(),
                End = end.ToUniversalTime(),
                Boats = boats,
            };
        }

        public override string ToString() => SessionId.HasValue ? $"{Name} ({SessionId})" : Name;
    }

    /// <summary>A boat of a race: the device that tracked it and what the log says of the boat.</summary>
    public sealed class IgtimiRaceBoat
    {
        public string SerialNumber { get; set; } = "";
        public string? BoatName { get; set; }

        /// <summary>The sail number (the log's <c>boat_number</c>).</summary>
        public string? SailNumber { get; set; }
        public string? Crew { get; set; }
        public string? Colour { get; set; }
        public string? Country { get; set; }

        /// <summary>The id of the log's yacht object; null for a boat of a race made without a session.</summary>
        public string? ObjectId { get; set; }

        /// <summary>The boat name, else the serial number.</summary>
        public string DisplayName => string.IsNullOrWhiteSpace(BoatName) ? SerialNumber : BoatName!;

        public override string ToString() => BoatName is null ? SerialNumber : $"{BoatName} ({SerialNumber})";
    }

    /// <summary>What a mark is for, from the log's <c>buoy_type</c> and, for plain marks and gates, its name.</summary>
    public enum IgtimiMarkRole
    {
        /// <summary>A buoy whose type the module does not know (see <see cref="IgtimiRaceMark.BuoyType"/>).</summary>
        Unknown,
        /// <summary>A mark the log gives no side of the course for (<c>buoy_type</c> mark).</summary>
        Mark,
        /// <summary>A gate half the log gives no side of the course for (<c>buoy_type</c> gate).</summary>
        Gate,
        /// <summary>A mark or gate half named windward (or upwind, top).</summary>
        Windward,
        /// <summary>A mark or gate half named leeward (or downwind, bottom).</summary>
        Leeward,
        /// <summary>An offset mark (named offset or spreader).</summary>
        Offset,
        /// <summary>The pin end of the start line (<c>start_pin</c>).</summary>
        StartPin,
        /// <summary>The committee boat end of the start line (<c>start_boat</c>).</summary>
        CommitteeBoat,
        /// <summary>The pin end of the finish line (<c>finish_pin</c>).</summary>
        FinishPin,
        /// <summary>The boat end of the finish line (<c>finish_boat</c>).</summary>
        FinishBoat,
    }

    /// <summary>A mark of a race, where the log last placed it.</summary>
    public sealed class IgtimiRaceMark
    {
        public string Name { get; set; } = "";
        public double Latitude { get; set; }
        public double Longitude { get; set; }
        public IgtimiMarkRole Role { get; set; }

        /// <summary>The log's <c>buoy_type</c> as written (mark, gate, start_boat, start_pin, …).</summary>
        public string? BuoyType { get; set; }

        /// <summary>The name of the other half of a gate or line (the log's <c>connected_buoy</c>), when the log links one.</summary>
        public string? ConnectedMark { get; set; }

        public string? ObjectId { get; set; }

        public override string ToString() => FormattableString.Invariant($"{Name} ({Role}) {Latitude:0.######}, {Longitude:0.######}");
    }

    /// <summary>A wind sensor the log places on the course: a wind object linked to a device.</summary>
    public sealed class IgtimiRaceWindSensor
    {
        public string Name { get; set; } = "";
        public string? SerialNumber { get; set; }
        public double? Latitude { get; set; }
        public double? Longitude { get; set; }
        public string? ObjectId { get; set; }

        public override string ToString() => SerialNumber is null ? Name : $"{Name} ({SerialNumber})";
    }

    /// <summary>A wind the race officer entered: where it blows from (degrees true) and its strength.</summary>
    public sealed class IgtimiManualWind
    {
        public const double KmhPerKnot = 1.852;

        /// <summary>When the entry was logged (the race's start when the log gives no time).</summary>
        public DateTimeOffset Time { get; set; }

        /// <summary>The direction the wind blows from, in degrees [0, 360).</summary>
        public double DirectionDegrees { get; set; }

        /// <summary>The strength in knots (the log holds km/h); null when the entry gives none.</summary>
        public double? SpeedKnots { get; set; }

        public double? SpeedKmh => SpeedKnots * KmhPerKnot;

        public override string ToString() => FormattableString.Invariant($"{SpeedKnots:0.#} kn from {DirectionDegrees:0}°");
    }
}
