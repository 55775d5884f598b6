using System;
using System.Collections;
using System.Collections.Generic;
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
            if (input is null) return false;
            if (input.BaseObject is IgtimiRace live)
            {
                var serials = new List<string>();
                var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var boat in live.Boats)
                {
                    serials.Add(boat.SerialNumber);
                    if (!string.IsNullOrWhiteSpace(boat.BoatName)) names[boat.SerialNumber] = boat.BoatName!;
                }
                race = new RaceInput(live.Name, live.Start, live.End, serials, names);
                return true;
            }
            if (!IsRaceCopy(input)) return false;
            if (!(Time(input.Properties["Start"]?.Value) is DateTimeOffset from) || !(Time(input.Properties["End"]?.Value) is DateTimeOffset to)) return false;
            var copySerials = new List<string>();
            var copyNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (Unwrap(input.Properties["Boats"]?.Value) is IEnumerable boats && !(boats is string))
            {
                foreach (var item in boats)
                {
                    var boat = PSObject.AsPSObject(item);
                    var serial = Unwrap(boat.Properties["SerialNumber"]?.Value) as string;
                    if (string.IsNullOrWhiteSpace(serial)) continue;
                    copySerials.Add(serial!);
                    if (Unwrap(boat.Properties["BoatName"]?.Value) is string boatName && boatName.Trim().Length > 0) copyNames[serial!] = boatName;
                }
            }
            race = new RaceInput(Unwrap(input.Properties["Name"]?.Value) as string ?? "race", from, to, copySerials, copyNames);
            return true;
        }

        private static bool IsRaceCopy(PSObject input)
        {
            foreach (var name in input.TypeNames)
                if (name == TypeName || name == "Deserialized." + TypeName || name == "Selected." + TypeName) return true;
            return false;
        }

        private static object? Unwrap(object? value) => value is PSObject inner ? inner.BaseObject : value;

        /// <summary>A time, also a deserialized DateTimeOffset (a property bag: its UtcTicks tell the instant).</summary>
        private static DateTimeOffset? Time(object? value)
        {
            var plain = Unwrap(value);
            if (plain is DateTimeOffset offset) return offset;
            if (plain is DateTime dateTime) return new DateTimeOffset(dateTime.ToUniversalTime(), TimeSpan.Zero);
            if (value is PSObject bag && Unwrap(bag.Properties["UtcTicks"]?.Value) is long ticks) return new DateTimeOffset(ticks, TimeSpan.Zero);
            return plain != null && LanguagePrimitives.TryConvertTo(plain, out DateTimeOffset converted) ? converted : (DateTimeOffset?)null;
        }
    }
}
