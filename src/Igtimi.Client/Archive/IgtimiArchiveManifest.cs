using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Igtimi.Client.IO;

namespace Igtimi.Client.Archive
{
    /// <summary>What the archive holds for one device and one UTC day: its files, and whether the day is complete.</summary>
    public sealed class IgtimiArchiveDay
    {
        public IgtimiArchiveDay(string serialNumber, DateTime date, IReadOnlyList<int> types, bool complete, long rows, int generation,
            IReadOnlyList<string> files, DateTimeOffset fetched)
        {
            SerialNumber = serialNumber;
            Date = date.Date;
            Types = types;
            Complete = complete;
            Rows = rows;
            Generation = generation;
            Files = files;
            Fetched = fetched;
        }

        public string SerialNumber { get; }

        /// <summary>The UTC day (00:00 to 24:00).</summary>
        public DateTime Date { get; }

        /// <summary>The type codes asked for when the day was fetched.</summary>
        public IReadOnlyList<int> Types { get; }

        /// <summary>False while the day was not over when fetched: a later run fetches it again.</summary>
        public bool Complete { get; }

        public long Rows { get; }
        public int Generation { get; }

        /// <summary>Paths relative to the archive folder, with '/'.</summary>
        public IReadOnlyList<string> Files { get; }

        public DateTimeOffset Fetched { get; }

        public string Key => Keys.Of(SerialNumber, Date);

        internal static class Keys
        {
            public static string Of(string serial, DateTime date) =>
                serial.ToUpperInvariant() + "|" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// The archive's manifest (<see cref="IgtimiArchiveSchema.ManifestFile"/>): the device-days it holds. Files not named here
    /// are leftovers of an interrupted run and are removed by the next one. Written whole, atomically.
    /// </summary>
    public sealed class IgtimiArchiveManifest
    {
        private const string FormatName = "igtimips-archive";
        private readonly Dictionary<string, IgtimiArchiveDay> _days = new Dictionary<string, IgtimiArchiveDay>(StringComparer.Ordinal);

        public IReadOnlyCollection<IgtimiArchiveDay> Days => _days.Values;

        public IgtimiArchiveDay? Find(string serial, DateTime date) =>
            _days.TryGetValue(IgtimiArchiveDay.Keys.Of(serial, date), out var day) ? day : null;

        public void Set(IgtimiArchiveDay day) => _days[day.Key] = day;

        public static string PathIn(string folder) => Path.Combine(folder, IgtimiArchiveSchema.ManifestFile);

        /// <summary>The manifest of <paramref name="folder"/>; an empty one when there is none yet.</summary>
        /// <exception cref="InvalidDataException">The manifest is not one this module wrote.</exception>
        public static IgtimiArchiveManifest Load(string folder)
        {
            var manifest = new IgtimiArchiveManifest();
            var path = PathIn(folder);
            if (!File.Exists(path)) return manifest;
            try
            {
                using var stream = File.OpenRead(path);
                using var doc = JsonDocument.Parse(stream);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.GetString() != FormatName)
                    throw new InvalidDataException("it does not say \"format\": \"" + FormatName + "\"");
                var version = root.GetProperty("version").GetInt32();
                if (version > IgtimiArchiveSchema.Version)
                    throw new InvalidDataException($"it is version {version}, newer than this module's {IgtimiArchiveSchema.Version}");
                foreach (var d in root.GetProperty("days").EnumerateArray())
                {
                    var day = new IgtimiArchiveDay(
                        d.GetProperty("serial").GetString() ?? throw new InvalidDataException("a day has no serial"),
                        DateTime.ParseExact(d.GetProperty("date").GetString() ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture,
                            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                        d.GetProperty("types").EnumerateArray().Select(t => t.GetInt32()).ToArray(),
                        d.GetProperty("complete").GetBoolean(),
                        d.GetProperty("rows").GetInt64(),
                        d.GetProperty("generation").GetInt32(),
                        d.GetProperty("files").EnumerateArray().Select(f => CheckRelative(f.GetString())).ToArray(),
                        DateTimeOffset.Parse(d.GetProperty("fetched").GetString() ?? "", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
                    manifest.Set(day);
                }
            }
            catch (Exception ex) when (ex is JsonException || ex is KeyNotFoundException || ex is FormatException || ex is InvalidOperationException
                                       || ex is InvalidDataException)
            {
                throw new InvalidDataException($"The archive manifest '{path}' cannot be read: {ex.Message}", ex);
            }
            return manifest;
        }

        /// <summary>A manifest must not point outside its archive.</summary>
        private static string CheckRelative(string? file)
        {
            if (string.IsNullOrEmpty(file) || Path.IsPathRooted(file) || file!.Split('/', '\\').Any(p => p == ".." || p.Length == 0))
                throw new InvalidDataException($"the file name '{file}' is not a path inside the archive");
            return file;
        }

        public void Save(string folder)
        {
            using var file = AtomicFile.Create(PathIn(folder));
            using (var json = new Utf8JsonWriter(file.Stream, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                json.WriteString("format", FormatName);
                json.WriteNumber("version", IgtimiArchiveSchema.Version);
                json.WriteString("layout", "serial=<serial>/date=<yyyy-MM-dd>/<family>-<generation>.parquet");
                json.WriteStartArray("days");
                foreach (var day in _days.Values.OrderBy(d => d.SerialNumber, StringComparer.OrdinalIgnoreCase).ThenBy(d => d.Date))
                {
                    json.WriteStartObject();
                    json.WriteString("serial", day.SerialNumber);
                    json.WriteString("date", day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    json.WriteStartArray("types");
                    foreach (var t in day.Types) json.WriteNumberValue(t);
                    json.WriteEndArray();
                    json.WriteBoolean("complete", day.Complete);
                    json.WriteNumber("rows", day.Rows);
                    json.WriteNumber("generation", day.Generation);
                    json.WriteStartArray("files");
                    foreach (var f in day.Files) json.WriteStringValue(f);
                    json.WriteEndArray();
                    json.WriteString("fetched", day.Fetched.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            file.Commit();
        }
    }
}
