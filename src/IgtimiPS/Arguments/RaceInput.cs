using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using Igtimi.Client.Races;

namespace IgtimiPS.Arguments
{
    /// <summary>
    /// A race piped into a data cmdlet: its name, window, boats' serial numbers and boat names. Read from an
    /// <see cref="IgtimiRace"/> or from a deserialized copy of one (Import-Clixml, a remoting session), by type name.
    /// </summary>
    internal sealed class RaceInput
    {
        private const string TypeName = "Igtimi.Client.Races.IgtimiRace";

        private RaceInput(string name, DateTimeOffset start, DateTimeOffset end, List<string> serials, Dictionary<string, string> names)
        {
            Name = name;
            Start = start;
            End = end;
            SerialNumbers = serials;
            BoatNames = names;
        }

        public string Name { get; }
        public DateTimeOffset Start { get; }
        public DateTimeOffset End { get; }
        public IReadOnlyList<string> SerialNumbers { get; }

        /// <summary>Serial number → boat name, for the boats that have one.</summary>
        public IReadOnlyDictionary<string, string> BoatNames { get; }

        public static bool TryRead(PSObject? input, out RaceInput race)
        {
            race = null!;
            var read = AsRace(input);
            if (read is null) return false;
            var serials = new List<string>();
            var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var boat in read.Boats)
            {
                if (boat is null || string.IsNullOrWhiteSpace(boat.SerialNumber)) continue;
                serials.Add(boat.SerialNumber);
                if (!string.IsNullOrWhiteSpace(boat.BoatName)) names[boat.SerialNumber] = boat.BoatName!;
            }
            race = new RaceInput(string.IsNullOrEmpty(read.Name) ? "race" : read.Name, read.Start, read.End, serials, names);
            return true;
        }

        /// <summary>
        /// The race an object is: an <see cref="IgtimiRace"/> itself, or one rebuilt from a copy of one (Deserialized. or Selected.)
        /// with its window, boats, marks, wind sensors, course and manual wind; null for any other object, or a copy without a window.
        /// What a copy lacks (it was serialized too shallow, or by hand) is left empty, as in a race built from a sparse log.
        /// </summary>
        public static IgtimiRace? AsRace(object? input)
        {
            if (input is null) return null;
            var item = input as PSObject ?? PSObject.AsPSObject(input);
            if (item.BaseObject is IgtimiRace live) return live;
            if (!IsRaceCopy(item)) return null;
            if (!(Time(item.Properties["Start"]?.Value) is DateTimeOffset start) || !(Time(item.Properties["End"]?.Value) is DateTimeOffset end)) return null;
            return new IgtimiRace
            {
                Name = Text(item, "Name") ?? "",
                SessionId = Number<long>(item, "SessionId"),
                Start = start,
                End = end,
                Boats = Items(item, "Boats").Select(b => new IgtimiRaceBoat
                {
                    SerialNumber = Text(b, "SerialNumber") ?? "",
                    BoatName = Text(b, "BoatName"),
                    SailNumber = Text(b, "SailNumber"),
                    Crew = Text(b, "Crew"),
                    Colour = Text(b, "Colour"),
                    Country = Text(b, "Country"),
                    ObjectId = Text(b, "ObjectId"),
                }).Where(b => b.SerialNumber.Trim().Length > 0).ToList(),
                Marks = Items(item, "Marks").Where(m => Number<double>(m, "Latitude").HasValue && Number<double>(m, "Longitude").HasValue)
                    .Select(m => new IgtimiRaceMark
                    {
                        Name = Text(m, "Name") ?? "",
                        Latitude = Number<double>(m, "Latitude")!.Value,
                        Longitude = Number<double>(m, "Longitude")!.Value,
                        Role = Number<IgtimiMarkRole>(m, "Role") ?? IgtimiMarkRole.Unknown,
                        BuoyType = Text(m, "BuoyType"),
                        ConnectedMark = Text(m, "ConnectedMark"),
                        ObjectId = Text(m, "ObjectId"),
                    }).ToList(),
                WindSensors = Items(item, "WindSensors").Select(w => new IgtimiRaceWindSensor
                {
                    Name = Text(w, "Name") ?? "",
                    SerialNumber = Text(w, "SerialNumber"),
                    Latitude = Number<double>(w, "Latitude"),
                    Longitude = Number<double>(w, "Longitude"),
                    ObjectId = Text(w, "ObjectId"),
                }).ToList(),
                CourseDirection = Number<double>(item, "CourseDirection"),
                Course = Items(item, "Course").Select(c => Convert.ToString(Unwrap(c.BaseObject), CultureInfo.InvariantCulture) ?? "")
                    .Where(c => c.Length > 0).ToList(),
                ManualWind = Items(item, "ManualWind").Where(w => Number<double>(w, "DirectionDegrees").HasValue).Select(w => new IgtimiManualWind
                {
                    Time = Time(w.Properties["Time"]?.Value) ?? start,
                    DirectionDegrees = Number<double>(w, "DirectionDegrees")!.Value,
                    SpeedKnots = Number<double>(w, "SpeedKnots"),
                }).ToList(),
            };
        }

        private static bool IsRaceCopy(PSObject input)
        {
            foreach (var name in input.TypeNames)
                if (name == TypeName || name == "Deserialized." + TypeName || name == "Selected." + TypeName) return true;
            return false;
        }

        private static object? Unwrap(object? value) => value is PSObject inner ? inner.BaseObject : value;

        private static string? Text(PSObject item, string name) =>
            Unwrap(item.Properties[name]?.Value) is object value ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;

        /// <summary>A number (or enum) property; null when it is missing, null or not convertible.</summary>
        private static T? Number<T>(PSObject item, string name) where T : struct
        {
            var value = Unwrap(item.Properties[name]?.Value);
            return value != null && LanguagePrimitives.TryConvertTo(value, CultureInfo.InvariantCulture, out T converted) ? converted : (T?)null;
        }

        /// <summary>The elements of a list property, each as a PSObject; none when the property is missing or not a list.</summary>
        private static IEnumerable<PSObject> Items(PSObject item, string name)
        {
            if (!(Unwrap(item.Properties[name]?.Value) is IEnumerable list) || list is string) yield break;
            foreach (var element in list)
                if (element != null) yield return PSObject.AsPSObject(element);
        }

        /// <summary>
        /// A time, also a deserialized DateTimeOffset (a property bag: its UtcTicks tell the instant), or the text a serializer wrote
        /// for a time deeper than its depth (in the culture it ran in, else the invariant one).
        /// </summary>
        private static DateTimeOffset? Time(object? value)
        {
            var plain = Unwrap(value);
            if (plain is DateTimeOffset offset) return offset;
            if (plain is DateTime dateTime) return new DateTimeOffset(dateTime.ToUniversalTime(), TimeSpan.Zero);
            if (value is PSObject bag && Unwrap(bag.Properties["UtcTicks"]?.Value) is long ticks) return new DateTimeOffset(ticks, TimeSpan.Zero);
            if (plain is string text)
            {
                if (DateTimeOffset.TryParse(text, CultureInfo.CurrentCulture, DateTimeStyles.AssumeUniversal, out var local)) return local;
                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var invariant)) return invariant;
                return null;
            }
            return plain != null && LanguagePrimitives.TryConvertTo(plain, out DateTimeOffset converted) ? converted : (DateTimeOffset?)null;
        }
    }
}
