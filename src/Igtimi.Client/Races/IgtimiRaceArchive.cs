using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Archive;
using Igtimi.Client.Data;

namespace Igtimi.Client.Races
{
    /// <summary>What an archive lacks of a race, for one device and one UTC day of the race's window.</summary>
    public enum IgtimiRaceArchiveGapKind
    {
        /// <summary>The archive has no such device-day.</summary>
        Missing,
        /// <summary>The day was archived without some of the types asked for (see <see cref="IgtimiRaceArchiveGap.MissingTypes"/>).</summary>
        LacksTypes,
        /// <summary>The day was fetched before it was over and before the race's end: what came later is not in the archive.</summary>
        Open,
    }

    public sealed class IgtimiRaceArchiveGap
    {
        public IgtimiRaceArchiveGap(string serialNumber, DateTime date, IgtimiRaceArchiveGapKind kind, IReadOnlyList<int>? missingTypes = null,
            DateTimeOffset? fetched = null)
        {
            SerialNumber = serialNumber;
            Date = date.Date;
            Kind = kind;
            MissingTypes = missingTypes ?? Array.Empty<int>();
            Fetched = fetched;
        }

        public string SerialNumber { get; }

        /// <summary>The UTC day.</summary>
        public DateTime Date { get; }

        public IgtimiRaceArchiveGapKind Kind { get; }

        /// <summary>For <see cref="IgtimiRaceArchiveGapKind.LacksTypes"/>: the type codes asked for that the day was archived without.</summary>
        public IReadOnlyList<int> MissingTypes { get; }

        /// <summary>For <see cref="IgtimiRaceArchiveGapKind.Open"/>: when the day was fetched.</summary>
        public DateTimeOffset? Fetched { get; }
    }

    /// <summary>
    /// The data of some devices over a race's window read back from a Save-IgtimiData archive, offline, through
    /// <see cref="IgtimiArchiveReader"/>: the blocks a download of the same window gives, and the device-days of the window the
    /// archive lacks. The archive keeps whole UTC days, so a window touches every day from its start's to its end's (an end at
    /// exactly 00:00 touches only the day before).
    /// </summary>
    public sealed class IgtimiRaceArchive
    {
        private readonly IgtimiArchiveReader _reader;
        private readonly IReadOnlyList<string> _serials;
        private readonly IReadOnlyList<int> _types;
        private readonly DateTimeOffset _end;

        /// <exception cref="ArgumentException">No serial number, or the end is not after the start.</exception>
        public IgtimiRaceArchive(string folder, IIgtimiArchiveFormat format, IReadOnlyList<string> serialNumbers, DateTimeOffset start,
            DateTimeOffset end, IReadOnlyList<int> types)
        {
            if (serialNumbers is null || serialNumbers.Count == 0) throw new ArgumentException("No serial number is given.", nameof(serialNumbers));
            if (end <= start) throw new ArgumentException($"The end ({end.UtcDateTime:u}) is not after the start ({start.UtcDateTime:u}).", nameof(end));
            _serials = serialNumbers;
            _types = types ?? throw new ArgumentNullException(nameof(types));
            _end = end;
            Days = DaysOf(start, end);
            _reader = new IgtimiArchiveReader(folder, format) { SerialNumbers = serialNumbers, Start = start, End = end, Types = types };
        }

        /// <summary>The UTC days the window touches.</summary>
        public IReadOnlyList<DateTime> Days { get; }

        /// <summary>The device-days of the window the archive lacks, by device in the order given, then by day.</summary>
        /// <exception cref="System.IO.DirectoryNotFoundException">The folder does not exist.</exception>
        /// <exception cref="System.IO.InvalidDataException">The folder is not an archive, or its manifest cannot be read.</exception>
        public IReadOnlyList<IgtimiRaceArchiveGap> Gaps()
        {
            var held = new Dictionary<string, IgtimiArchiveDay>(StringComparer.OrdinalIgnoreCase);
            foreach (var day in _reader.Days()) held[Key(day.SerialNumber, day.Date)] = day;
            var gaps = new List<IgtimiRaceArchiveGap>();
            foreach (var serial in _serials)
            {
                foreach (var date in Days)
                {
                    if (!held.TryGetValue(Key(serial, date), out var day))
                    {
                        gaps.Add(new IgtimiRaceArchiveGap(serial, date, IgtimiRaceArchiveGapKind.Missing));
                        continue;
                    }
                    var lacking = _types.Where(t => !day.Types.Contains(t)).ToArray();
                    if (lacking.Length > 0) gaps.Add(new IgtimiRaceArchiveGap(serial, date, IgtimiRaceArchiveGapKind.LacksTypes, lacking));
                    if (!day.Complete && day.Fetched < _end)
                        gaps.Add(new IgtimiRaceArchiveGap(serial, date, IgtimiRaceArchiveGapKind.Open, fetched: day.Fetched));
                }
            }
            return gaps;
        }

        /// <summary>True when the gaps leave no day of any device with the type <paramref name="type"/> (positions, for a picture).</summary>
        public bool LacksEverywhere(IReadOnlyList<IgtimiRaceArchiveGap> gaps, int type)
        {
            var without = new HashSet<string>(gaps
                .Where(g => g.Kind == IgtimiRaceArchiveGapKind.Missing || (g.Kind == IgtimiRaceArchiveGapKind.LacksTypes && g.MissingTypes.Contains(type)))
                .Select(g => Key(g.SerialNumber, g.Date)), StringComparer.OrdinalIgnoreCase);
            return _serials.All(s => Days.All(d => without.Contains(Key(s, d))));
        }

        /// <summary>Reads the blocks of the devices, types and window, as <see cref="IgtimiArchiveReader.ReadAsync"/> does.</summary>
        public Task ReadAsync(Func<IgtimiDataBlock, CancellationToken, Task> onBlock, CancellationToken cancellationToken) =>
            _reader.ReadAsync(onBlock, cancellationToken);

        /// <summary>The UTC days from the start's to the end's; an end at exactly 00:00 UTC does not add its day.</summary>
        public static IReadOnlyList<DateTime> DaysOf(DateTimeOffset start, DateTimeOffset end)
        {
            var first = start.UtcDateTime.Date;
            var last = end.UtcDateTime.Date;
            if (end.UtcDateTime == last && last > first) last = last.AddDays(-1);
            var days = new List<DateTime>();
            for (var d = first; d <= last; d = d.AddDays(1)) days.Add(d);
            return days;
        }

        private static string Key(string serial, DateTime date) =>
            serial.Trim().ToUpperInvariant() + "|" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
