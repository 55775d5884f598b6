using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Igtimi.Client.Models;

namespace Igtimi.Client.Races
{
    /// <summary>
    /// Builds an <see cref="IgtimiRace"/> from a session and its log (docs/design/igtimi-api.md section 4.4): yacht objects
    /// linked to devices are the boats, buoys the marks, wind objects linked to devices the wind sensors; manual wind and course
    /// direction come from the metadata. A later <c>object_data</c> for the same object replaces the earlier one (a moved mark).
    /// What the log lacks stays empty, and what it gets wrong is left out with a warning: nothing is made up.
    /// </summary>
    public static class IgtimiRaceBuilder
    {
        /// <summary>The race of a session; <paramref name="warning"/> hears of every entry left out and why.</summary>
        /// <exception cref="ArgumentException">The session has no start or no end (it is still running).</exception>
        public static IgtimiRace Build(IgtimiSession session, IEnumerable<IgtimiSessionLogEntry> log, Action<string>? warning = null)
        {
            if (session is null) throw new ArgumentNullException(nameof(session));
            if (log is null) throw new ArgumentNullException(nameof(log));
            var label = $"session {session.Id} ('{session.Name}')";
            if (session.StartTime is null) throw new ArgumentException($"The {label} has no start time.", nameof(session));
            if (session.EndTime is null)
                throw new ArgumentException($"The {label} has not ended yet (it has no end time), so it is not a race yet.", nameof(session));
            var warn = warning ?? (_ => { });
            var start = session.StartTime.Value.ToUniversalTime();

            var objects = new Dictionary<string, IgtimiSessionLogEntry>(StringComparer.Ordinal);
            var objectOrder = new List<string>();
            var links = new List<IgtimiSessionLogEntry>();
            var winds = new List<IgtimiManualWind>();
            double? courseDirection = null;
            IReadOnlyList<string> course = Array.Empty<string>();
            var anonymous = 0;

            foreach (var entry in log.OrderBy(e => e.CreatedAt ?? DateTimeOffset.MinValue).ThenBy(e => e.Id ?? 0))
            {
                switch (entry.Kind)
                {
                    case IgtimiLogEntryKind.RaceObjectData:
                        var key = entry.ObjectId ?? "#" + (++anonymous).ToString(CultureInfo.InvariantCulture);
                        if (!objects.ContainsKey(key)) objectOrder.Add(key);
                        objects[key] = entry;
                        break;
                    case IgtimiLogEntryKind.DeviceLink:
                        if (!string.IsNullOrWhiteSpace(entry.SerialNumber)) links.Add(entry);
                        else warn($"A device link of the {label} (entry {entry.Id}) names no serial number; it is left out.");
                        break;
                    case IgtimiLogEntryKind.Metadata:
                        if (entry.MetadataName == "manual_wind") AddWind(entry, start, winds, warn, label);
                        else if (entry.MetadataName == "course_direction")
                        {
                            if (entry.CourseDirection is double d && IsFinite(d)) courseDirection = Normalize(d);
                            else warn($"The course direction of the {label} (entry {entry.Id}) is not a number; it is left out.");
                        }
                        else if (entry.MetadataName == "course") course = CourseOf(entry);
                        break;
                }
            }

            var boats = new List<IgtimiRaceBoat>();
            var sensors = new List<IgtimiRaceWindSensor>();
            var linkedObjects = new HashSet<string>(StringComparer.Ordinal);
            var serials = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var link in links)
            {
                var serial = link.SerialNumber!.Trim();
                IgtimiSessionLogEntry? data = null;
                if (link.ObjectId != null) objects.TryGetValue(link.ObjectId, out data);
                if (link.ObjectId != null) linkedObjects.Add(link.ObjectId);
                var type = data?.ObjectType?.Trim().ToLowerInvariant();
                if (type == "wind")
                {
                    var at = data!.Positions.Count > 0 ? data.Positions[data.Positions.Count - 1] : null;
                    sensors.Add(new IgtimiRaceWindSensor
                    {
                        Name = data.Name ?? serial, SerialNumber = serial, ObjectId = link.ObjectId, Latitude = at?.Latitude, Longitude = at?.Longitude,
                    });
                    continue;
                }
                if (type == "buoy") continue;
                if (!serials.Add(serial))
                {
                    warn($"The device {serial} is linked twice in the {label}; the first link counts.");
                    continue;
                }
                if (data is null)
                    warn($"The device {serial} of the {label} is linked to object {link.ObjectId ?? "(none)"}, which the log does not describe; " +
                         "the boat has no name.");
                boats.Add(new IgtimiRaceBoat
                {
                    SerialNumber = serial,
                    ObjectId = link.ObjectId,
                    BoatName = data?.Name,
                    SailNumber = data?.BoatNumber,
                    Crew = data?.Crew,
                    Country = data?.Country,
                    Colour = data is null ? null : Property(data, "object_content/colour", "object_content/color", "colour", "color"),
                });
            }

            var marks = new List<IgtimiRaceMark>();
            foreach (var key in objectOrder)
            {
                var data = objects[key];
                var type = data.ObjectType?.Trim().ToLowerInvariant();
                if (type == "yacht" && !linkedObjects.Contains(key))
                    warn($"The yacht '{data.Name}' of the {label} is linked to no device, so it has no track; it is left out.");
                if (type != "buoy") continue;
                if (data.Positions.Count == 0)
                {
                    warn($"The mark '{data.Name ?? key}' of the {label} has no position; it is left out.");
                    continue;
                }
                var at = data.Positions[data.Positions.Count - 1];
                marks.Add(new IgtimiRaceMark
                {
                    Name = data.Name ?? key,
                    ObjectId = data.ObjectId,
                    Latitude = at.Latitude,
                    Longitude = at.Longitude,
                    BuoyType = data.BuoyType,
                    Role = RoleOf(data.BuoyType, data.Name),
                    ConnectedMark = data.ConnectedBuoy != null && objects.TryGetValue(data.ConnectedBuoy, out var other)
                        ? other.Name ?? data.ConnectedBuoy
                        : data.ConnectedBuoy,
                });
            }
            if (boats.Count == 0) warn($"The log of the {label} links no boat to a device.");
            if (marks.Count == 0) warn($"The log of the {label} places no mark.");

            return new IgtimiRace
            {
                Name = session.Name ?? $"Session {session.Id}",
                SessionId = session.Id,
                Start = start,
                End = session.EndTime.Value.ToUniversalTime(),
                Boats = boats,
                Marks = marks,
                WindSensors = sensors,
                CourseDirection = courseDirection,
                Course = course,
                ManualWind = winds,
            };
        }

        /// <summary>The role of a buoy: its type first; plain marks and gates by the side of the course their name says.</summary>
        public static IgtimiMarkRole RoleOf(string? buoyType, string? name)
        {
            switch (buoyType?.Trim().ToLowerInvariant())
            {
                case "start_pin": return IgtimiMarkRole.StartPin;
                case "start_boat": return IgtimiMarkRole.CommitteeBoat;
                case "finish_pin": return IgtimiMarkRole.FinishPin;
                case "finish_boat": return IgtimiMarkRole.FinishBoat;
                case "mark":
                case "gate":
                    var n = name?.ToLowerInvariant() ?? "";
                    if (n.Contains("leeward") || n.Contains("downwind") || n.Contains("bottom")) return IgtimiMarkRole.Leeward;
                    if (n.Contains("windward") || n.Contains("upwind") || n.Contains("top")) return IgtimiMarkRole.Windward;
                    if (n.Contains("offset") || n.Contains("spreader")) return IgtimiMarkRole.Offset;
                    return buoyType!.Trim().ToLowerInvariant() == "gate" ? IgtimiMarkRole.Gate : IgtimiMarkRole.Mark;
                default: return IgtimiMarkRole.Unknown;
            }
        }

        private static void AddWind(IgtimiSessionLogEntry entry, DateTimeOffset start, List<IgtimiManualWind> winds, Action<string> warn, string label)
        {
            if (!(entry.ManualWindDirection is double direction) || !IsFinite(direction))
            {
                warn($"A manual wind of the {label} (entry {entry.Id}) has no direction; it is left out.");
                return;
            }
            double? knots = entry.ManualWindSpeedKnots;
            if (knots.HasValue && (!IsFinite(knots.Value) || knots.Value < 0))
            {
                warn($"A manual wind of the {label} (entry {entry.Id}) has an impossible strength ({entry.ManualWindSpeedKmh} km/h); its direction is kept.");
                knots = null;
            }
            winds.Add(new IgtimiManualWind { Time = entry.CreatedAt?.ToUniversalTime() ?? start, DirectionDegrees = Normalize(direction), SpeedKnots = knots });
        }

        /// <summary>A <c>metadata/course</c> entry: its leaf values (mark names), in document order.</summary>
        private static IReadOnlyList<string> CourseOf(IgtimiSessionLogEntry entry) =>
            entry.Properties.Where(p => p.Key.StartsWith("course", StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(p.Value))
                .Select(p => p.Value.Trim()).ToList();

        private static string? Property(IgtimiSessionLogEntry entry, params string[] keys)
        {
            foreach (var key in keys)
                if (entry.Properties.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value)) return value.Trim();
            return null;
        }

        private static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

        private static double Normalize(double degrees) => ((degrees % 360) + 360) % 360;
    }
}
