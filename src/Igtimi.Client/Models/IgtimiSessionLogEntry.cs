using System;
using System.Collections.Generic;

namespace Igtimi.Client.Models
{
    /// <summary>What a session log entry records.</summary>
    public enum IgtimiLogEntryKind
    {
        /// <summary>A race object is linked to a device (<c>device</c>).</summary>
        DeviceLink,
        /// <summary>A race object is declared (<c>object</c>).</summary>
        RaceObject,
        /// <summary>A race object's content: yacht, buoy or wind, with positions (<c>object_data</c>).</summary>
        RaceObjectData,
        /// <summary>Session metadata: manual wind, course direction, viewer settings (<c>metadata</c>).</summary>
        Metadata,
        /// <summary>An entry of a kind this module does not know; see <see cref="IgtimiSessionLogEntry.Properties"/>.</summary>
        Unknown,
    }

    /// <summary>A position in decimal degrees (WGS84).</summary>
    public sealed class IgtimiPosition
    {
        public IgtimiPosition(double latitude, double longitude)
        {
            Latitude = latitude;
            Longitude = longitude;
        }

        public double Latitude { get; }
        public double Longitude { get; }

        public override string ToString() => FormattableString.Invariant($"{Latitude:0.######}, {Longitude:0.######}");
    }

    /// <summary>One entry of a session's log (<c>sessions/{id}/logs</c>).</summary>
    public sealed class IgtimiSessionLogEntry
    {
        public const double KnotsPerKmh = 1 / 1.852;

        public long SessionId { get; set; }
        public long? Id { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public IgtimiLogEntryKind Kind { get; set; }

        /// <summary>The element name under <c>data</c> (device, object, object_data, metadata, …).</summary>
        public string? DataName { get; set; }

        public string? ObjectId { get; set; }
        public string? SerialNumber { get; set; }

        /// <summary>yacht, buoy or wind for race object data.</summary>
        public string? ObjectType { get; set; }
        public string? Name { get; set; }
        public string? BoatNumber { get; set; }
        public string? Crew { get; set; }
        public string? Country { get; set; }
        public string? BuoyType { get; set; }
        public string? ConnectedBuoy { get; set; }
        public IReadOnlyList<IgtimiPosition> Positions { get; set; } = Array.Empty<IgtimiPosition>();

        /// <summary>For metadata entries: manual_wind, course_direction, viewer_widgets, …</summary>
        public string? MetadataName { get; set; }

        /// <summary>Manual wind strength as the log holds it, in km/h.</summary>
        public double? ManualWindSpeedKmh { get; set; }
        public double? ManualWindSpeedKnots => ManualWindSpeedKmh * KnotsPerKmh;

        /// <summary>The direction the manual wind blows from, in degrees.</summary>
        public double? ManualWindDirection { get; set; }

        /// <summary>The course direction (first leg bearing), in degrees.</summary>
        public double? CourseDirection { get; set; }

        /// <summary>Every leaf value of the entry's data, by path (e.g. <c>object_content/name</c>), so nothing is lost.</summary>
        public IDictionary<string, string> Properties { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>The entry's XML as the server sent it.</summary>
        public string? RawXml { get; set; }

        /// <summary>A one-line summary for tables.</summary>
        public string Summary
        {
            get
            {
                switch (Kind)
                {
                    case IgtimiLogEntryKind.DeviceLink: return $"object {ObjectId} → device {SerialNumber}";
                    case IgtimiLogEntryKind.RaceObject: return $"object {ObjectId} declared" + (Name is null ? "" : $": {Name}");
                    case IgtimiLogEntryKind.RaceObjectData:
                        var where = Positions.Count > 0 ? $" at {Positions[0]}" : "";
                        return $"{ObjectType} {Name}{(BoatNumber is null ? "" : " #" + BoatNumber)}{where}".Trim();
                    case IgtimiLogEntryKind.Metadata:
                        if (ManualWindSpeedKmh.HasValue || ManualWindDirection.HasValue)
                            return FormattableString.Invariant($"manual wind {ManualWindSpeedKnots:0.#} kn from {ManualWindDirection:0}°");
                        if (CourseDirection.HasValue) return FormattableString.Invariant($"course direction {CourseDirection:0}°");
                        return MetadataName ?? "metadata";
                    default: return DataName ?? "unknown";
                }
            }
        }

        public override string ToString() => Summary;
    }
}
