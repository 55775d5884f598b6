using System;
using System.Collections.Generic;
using System.Linq;

namespace Igtimi.Client.Models
{
    /// <summary>One component of a data type: its position in the packed arrays ("1", "2", …), meaning and unit.</summary>
    public sealed class IgtimiDataComponent
    {
        public IgtimiDataComponent(int index, string name, string? unit, string? description = null)
        {
            Index = index;
            Name = name;
            Unit = unit;
            Description = description;
        }

        public int Index { get; }
        public string Name { get; }
        public string? Unit { get; }
        public string? Description { get; }

        public override string ToString() => Unit is null ? $"{Index}={Name}" : $"{Index}={Name} [{Unit}]";
    }

    /// <summary>What a type's first component is, which decides its typed point and how exports show it.</summary>
    public enum IgtimiValueKind
    {
        /// <summary>Raw components only (multi-axis, text, unknown types).</summary>
        Other,
        /// <summary>A GPS position: longitude, latitude.</summary>
        Position,
        /// <summary>A speed in km/h (shown in knots too).</summary>
        Speed,
        /// <summary>An angle in degrees.</summary>
        Angle,
        /// <summary>An ANT+ heart-rate strap sample.</summary>
        HeartRate,
        /// <summary>One number with a unit.</summary>
        Value,
    }

    /// <summary>A data type code of the Igtimi API, with its components.</summary>
    public sealed class IgtimiDataType
    {
        public IgtimiDataType(int code, string name, string description, IReadOnlyList<IgtimiDataComponent> components, bool isKnown = true, string? era = null,
            IgtimiValueKind kind = IgtimiValueKind.Other)
        {
            Code = code;
            Name = name;
            Description = description;
            Components = components;
            IsKnown = isKnown;
            Era = era ?? (code <= 16 ? "JSON API" : "Protobuf (2019)");
            Kind = kind;
        }

        public IgtimiValueKind Kind { get; }

        public int Code { get; }
        public string Name { get; }
        public string Description { get; }
        public IReadOnlyList<IgtimiDataComponent> Components { get; }

        /// <summary>False for a code the catalogue does not know; such a type still flows through with raw components.</summary>
        public bool IsKnown { get; }

        /// <summary>Where the meaning comes from: the 2013–2024 JSON API (codes 1–16) or Igtimi's 2019 protobuf definitions.</summary>
        public string Era { get; }

        public override string ToString() => $"{Code} {Name}";
    }

    /// <summary>
    /// The type catalogue: codes 1–16 as the JSON API used them (SAP's enum, Igtimi's CSV export),
    /// later codes as Igtimi's 2019 protobuf defines them. Unknown codes get a generic entry.
    /// </summary>
    public static class IgtimiDataTypeCatalog
    {
        private static readonly Dictionary<int, IgtimiDataType> ByCode;
        private static readonly Dictionary<string, IgtimiDataType> ByName;

        static IgtimiDataTypeCatalog()
        {
            const IgtimiValueKind Position = IgtimiValueKind.Position, Speed = IgtimiValueKind.Speed, Angle = IgtimiValueKind.Angle,
                HeartRate = IgtimiValueKind.HeartRate, Value = IgtimiValueKind.Value, Other = IgtimiValueKind.Other;
            var types = new[]
            {
                T(1, Position, "gps_latlong", "GPS position (WGS84)", C(1, "longitude", "deg"), C(2, "latitude", "deg")),
                T(2, Value, "gps_quality_indicator", "GPS fix quality (1 = GPS fix, NMEA style)", C(1, "quality", null)),
                T(3, Value, "gps_quality_sat_count", "Satellites in use", C(1, "satellites", null)),
                T(4, Value, "gps_quality_hdop", "Horizontal dilution of precision", C(1, "hdop", null)),
                T(5, Value, "gps_altitude", "Altitude", C(1, "altitude", "m")),
                T(6, Angle, "cog", "Course over ground, true", C(1, "course", "deg")),
                T(7, Angle, "hdgm", "Heading, magnetic", C(1, "heading", "deg")),
                T(8, Angle, "hdg", "Heading, true (may be negative; normalise with (x+360) mod 360)", C(1, "heading", "deg")),
                T(9, Speed, "sog", "Speed over ground", C(1, "speed", "km/h")),
                T(10, Speed, "stw", "Speed through water", C(1, "speed", "km/h")),
                T(11, Angle, "awa", "Apparent wind angle relative to the bow", C(1, "angle", "deg")),
                T(12, Speed, "aws", "Apparent wind speed", C(1, "speed", "km/h")),
                T(13, HeartRate, "ant_hrm", "ANT+ heart rate strap (the DSI identifies the strap)", C(1, "event_time", "ms"), C(2, "heart_beat_count", null),
                    C(3, "heart_rate", "bpm")),
                T(14, Value, "ant_cbst", "ANT+ cadence", C(1, "cadence", "rpm")),
                T(15, Value, "battery_level", "Battery level", C(1, "level", "%")),
                T(16, Other, "file", "A file recorded over a time span", C(1, "filename", null), C(2, "md5", null), C(3, "content_type", null),
                    C(4, "size", "bytes")),
                T(17, Other, "orientation", "Orientation quaternion", C(1, "x", null), C(2, "y", null), C(3, "z", null), C(4, "w", null)),
                T(18, Other, "acceleration", "Acceleration", C(1, "x", "m/s²"), C(2, "y", "m/s²"), C(3, "z", "m/s²")),
                T(19, Other, "gyro", "Rotation rate", C(1, "x", "deg/s"), C(2, "y", "deg/s"), C(3, "z", "deg/s")),
                T(20, Other, "force", "Force", C(1, "x", "N"), C(2, "y", "N"), C(3, "z", "N")),
                T(21, Other, "torque", "Torque", C(1, "value", "N·m")),
                T(22, Angle, "twd", "True wind direction", C(1, "direction", "deg")),
                T(23, Speed, "tws", "True wind speed", C(1, "speed", "km/h")),
                T(24, Value, "pressure", "Pressure", C(1, "pressure", "hPa")),
                T(25, Value, "power", "Power", C(1, "power", "W")),
                T(26, Value, "voltage", "Voltage", C(1, "voltage", "V")),
                T(27, Value, "current", "Current", C(1, "current", "A")),
                T(28, Other, "interval", "Time interval", C(1, "interval", "ms")),
                T(50, Other, "number", "A number", C(1, "value", null)),
                T(51, Other, "integer", "An integer", C(1, "value", null)),
                T(52, Other, "text", "Text", C(1, "value", null)),
                T(53, Other, "boolean", "A true/false value", C(1, "value", null)),
                T(54, Other, "json", "A JSON document", C(1, "value", null)),
                T(55, Other, "event", "An event", C(1, "value", null)),
                T(56, Other, "log", "A log message", C(1, "message", null), C(2, "priority", null)),
                T(57, Other, "command", "A command", C(1, "value", null)),
                T(100, Other, "session_log_entry", "A session log entry", C(1, "value", null)),
                T(101, Other, "rtk_corrections", "RTK corrections", C(1, "bytes", null)),
            };
            ByCode = types.ToDictionary(t => t.Code);
            ByName = types.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
        }

        private static IgtimiDataType T(int code, IgtimiValueKind kind, string name, string description, params IgtimiDataComponent[] components) =>
            new IgtimiDataType(code, name, description, components, kind: kind);

        private static IgtimiDataComponent C(int index, string name, string? unit) => new IgtimiDataComponent(index, name, unit);

        public static IEnumerable<IgtimiDataType> All => ByCode.Values.OrderBy(t => t.Code);

        /// <summary>The value kind of a code (Other for codes the catalogue does not know).</summary>
        public static IgtimiValueKind KindOf(int code) => ByCode.TryGetValue(code, out var type) ? type.Kind : IgtimiValueKind.Other;

        /// <summary>The catalogue entry for a code; an unknown code gets a generic entry, never an error.</summary>
        public static IgtimiDataType Get(int code) =>
            ByCode.TryGetValue(code, out var type) ? type
                : new IgtimiDataType(code, "type_" + code, "A data type this module does not know", Array.Empty<IgtimiDataComponent>(), isKnown: false,
                    era: "Unknown");

        /// <summary>Finds a type by code ("9"), name ("sog", case-insensitive) or "type_N".</summary>
        public static bool TryResolve(string text, out IgtimiDataType type)
        {
            var trimmed = (text ?? "").Trim();
            if (int.TryParse(trimmed, out var code) && code > 0) { type = Get(code); return true; }
            if (ByName.TryGetValue(trimmed, out type!)) return true;
            if (trimmed.StartsWith("type_", StringComparison.OrdinalIgnoreCase) &&
                int.TryParse(trimmed.Substring(5), out code) && code > 0) { type = Get(code); return true; }
            type = null!;
            return false;
        }
    }
}
