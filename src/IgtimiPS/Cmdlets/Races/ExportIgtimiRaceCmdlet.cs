using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Threading.Tasks;
using Igtimi.Client.Archive;
using Igtimi.Client.Data;
using Igtimi.Client.IO;
using Igtimi.Client.Models;
using Igtimi.Client.Races;
using Igtimi.Client.Races.Picture;
using IgtimiPS.Arguments;
using IgtimiPS.Base;
using IgtimiPS.Completers;
using IgtimiPS.Errors;

namespace IgtimiPS.Cmdlets.Races
{
    /// <summary>
    /// Draws a race: downloads its boats' positions, SOG and COG (or reads them from a Save-IgtimiData archive with -Archive,
    /// offline) and writes a self-contained HTML page (map, time slider, speed and VMG plots), a static SVG or KML. The file is
    /// written as "&lt;path&gt;.&lt;random&gt;.partial" and renamed when complete.
    /// </summary>
    [Cmdlet(VerbsData.Export, "IgtimiRace", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = RaceSet)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportIgtimiRaceCmdlet : IgtimiConnectedCmdlet
    {
        private const string RaceSet = "Race";
        private const string WindowSet = "Window";

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>Html, Svg or Kml; by default from the extension (.html, .htm, .svg, .kml).</summary>
        [Parameter(Position = 1)]
        public IgtimiRacePictureFormat Format { get; set; }

        /// <summary>A race; also a copy of one read back with Import-Clixml.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = RaceSet)]
        [RaceTransformation]
        [ValidateNotNull]
        public IgtimiRace InputObject { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = WindowSet)]
        [Alias("StartTime", "From")]
        public DateTimeOffset Start { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = WindowSet)]
        [Alias("EndTime", "To")]
        public DateTimeOffset End { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = WindowSet)]
        [Alias("DeviceSerialNumber", "Serial")]
        [ValidateSerialNumber]
        [ArgumentCompleter(typeof(SerialNumberCompleter))]
        public string[] SerialNumber { get; set; } = null!;

        /// <summary>Boat names in the order of -SerialNumber; boats without one are named by their device name, else their serial.</summary>
        [Parameter(ParameterSetName = WindowSet)]
        [ValidateNotNull]
        public string[] BoatName { get; set; } = null!;

        /// <summary>The race's name (title of the page) for -Start/-End/-SerialNumber.</summary>
        [Parameter(ParameterSetName = WindowSet)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = null!;

        /// <summary>A Save-IgtimiData archive to read the boats' data from instead of the server: no connection is used.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Archive { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        [Alias("NoOverwrite")]
        public SwitchParameter NoClobber { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private string _path = "";
        private string? _archive;
        private IgtimiRacePictureFormat _format;
        private bool _written;

        protected override void BeginProcessing()
        {
            _path = GetUnresolvedProviderPathFromPSPath(Path);
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Format))) _format = Format;
            else if (!IgtimiRacePictureFormats.TryFromPath(_path, out _format))
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    $"Cannot tell the picture format from the extension of '{Path}'; the known extensions are {IgtimiRacePictureFormats.KnownExtensions}.",
                    ErrorIds.InvalidParameter, ErrorCategory.InvalidArgument, Path, "Give -Format Html, Svg or Kml, or use one of the known extensions."));
            }
            if (Archive != null)
            {
                if (Connection != null)
                    ThrowInvalidArgument(new ArgumentException("-Archive draws the race from the archive, offline; -Connection has no use with it. " +
                                                               "Give one of them."), Connection);
                _archive = GetUnresolvedProviderPathFromPSPath(Archive);
            }
            if (ParameterSetName == WindowSet)
            {
                if (Start >= End)
                    ThrowInvalidArgument(new ArgumentException($"-Start ({Start.UtcDateTime:u}) is not before -End ({End.UtcDateTime:u})."), Start);
                if (BoatName != null && BoatName.Length > SerialNumber.Length)
                    ThrowInvalidArgument(new ArgumentException($"-BoatName has {BoatName.Length} names for {SerialNumber.Length} serial number(s); " +
                                                               "give at most one name per serial number, in the same order."), BoatName);
            }
            var folder = System.IO.Path.GetDirectoryName(_path);
            if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
                ThrowTerminatingError(ErrorRecords.Create($"The folder of '{Path}' ({folder}) does not exist.",
                    ErrorIds.OutFileFailed, ErrorCategory.ObjectNotFound, Path, "Create the folder first, or give another path."));
            if (Directory.Exists(_path))
                ThrowTerminatingError(ErrorRecords.Create($"'{_path}' is a folder; give the path of a " +
                    $"file.", ErrorIds.OutFileFailed, ErrorCategory.InvalidArgument, Path));
            var existing = new FileInfo(_path);
            if (existing.Exists && NoClobber)
                ThrowTerminatingError(ErrorRecords.Create($"The file '{_path}' already exists, and -NoClobber forbids replacing it.",
                    ErrorIds.OutFileFailed, ErrorCategory.ResourceExists, Path, "Remove -NoClobber to replace the file, or give another path."));
            if (existing.Exists && existing.IsReadOnly && !Force)
                ThrowTerminatingError(ErrorRecords.Create($"The file '{_path}' is read-only.",
                    ErrorIds.OutFileFailed, ErrorCategory.PermissionDenied, Path, "Use -Force to replace a read-only file."));
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == RaceSet) Export(InputObject);
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName == WindowSet) Export(RaceFromWindow());
        }

        private IgtimiRace RaceFromWindow()
        {
            var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            // Offline, the archive knows no device names: boats without -BoatName are named by their serial numbers.
            var devices = _archive is null ? DeviceListCache.Devices(ResolveConnection()) : Array.Empty<IgtimiDevice>();
            foreach (var device in devices)
                if (device.SerialNumber != null && !string.IsNullOrWhiteSpace(device.Name)) names[device.SerialNumber] = device.Name!;
            var boats = SerialNumber.Select((serial, i) => new IgtimiRaceBoat
            {
                SerialNumber = serial.Trim(),
                BoatName = BoatName != null && i < BoatName.Length && !string.IsNullOrWhiteSpace(BoatName[i])
                    ? BoatName[i]
                    : names.TryGetValue(serial.Trim(), out var name) ? name : null,
            }).ToList();
            return new IgtimiRace { Name = Name, Start = Start, End = End, Boats = boats };
        }

        private void Export(IgtimiRace race)
        {
            if (_written)
            {
                WriteError(ErrorRecords.Create($"A race was already written to {_path}; Export-IgtimiRace writes one race per file, so '{race}' is skipped.",
                    ErrorIds.InvalidInput, ErrorCategory.InvalidOperation, race, "Export each race to a file of its own, e.g. in ForEach-Object."));
                return;
            }
            _written = true;
            if (race.End <= race.Start)
            {
                WriteError(ErrorRecords.Create($"The race '{race}' ends ({race.End.UtcDateTime:u}) before it starts ({race.Start.UtcDateTime:u}); " +
                    $"nothing is drawn.",
                    ErrorIds.InvalidInput, ErrorCategory.InvalidData, race));
                return;
            }
            var serials = (race.Boats ?? Array.Empty<IgtimiRaceBoat>()).Where(b => b != null && !string.IsNullOrWhiteSpace(b.SerialNumber))
                .Select(b => b.SerialNumber.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (serials.Count == 0) WriteWarning($"The race '{race}' has no boats with a serial number; the picture shows the marks only.");
            if (!ShouldProcess(_path, $"Draw the race '{race}' ({serials.Count} boat(s)) as {_format}")) return;

            var absent = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var blocks = serials.Count == 0 ? new Dictionary<string, List<IgtimiDataBlock>>()
                : _archive is null ? Download(race, serials) : ReadArchive(race, serials, absent);
            var tracks = Tracks(race, serials, blocks);
            var picture = new IgtimiRacePicture(race, tracks);
            foreach (var boat in race.Boats ?? Array.Empty<IgtimiRaceBoat>())
            {
                var track = tracks.FirstOrDefault(t => string.Equals(t.Boat.SerialNumber, boat?.SerialNumber?.Trim(), StringComparison.OrdinalIgnoreCase));
                if (boat != null && (track is null || track.Count == 0) && !absent.Contains(boat.SerialNumber?.Trim() ?? ""))
                    WriteWarning($"{boat.BoatName ?? boat.SerialNumber} ({boat.SerialNumber}) has no positions between {race.Start.UtcDateTime:u} and {race.End.UtcDateTime:u}; it " +
                        $"is in the legend only.");
            }

            FileInfo? written = null;
            try
            {
                using var file = AtomicFile.Create(_path);
                if (_format == IgtimiRacePictureFormat.Kml) picture.WriteKml(file.Stream);
                else
                {
                    using (var text = new StreamWriter(file.Stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
                    {
                        if (_format == IgtimiRacePictureFormat.Svg) picture.WriteSvg(text);
                        else picture.WriteHtml(text);
                    }
                }
                CancellationToken.ThrowIfCancellationRequested();
                written = file.Commit(overwrite: !NoClobber, overwriteReadOnly: Force);
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is System.Security.SecurityException)
            {
                ThrowTerminatingError(ErrorRecords.Create($"Could not write '{_path}': {ex.Message}", ErrorIds.OutFileFailed,
                    ex is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.WriteError, _path, inner: ex));
            }
            WriteVerbose($"Drew {tracks.Count(t => t.Count > 0)} track(s) of {serials.Count} boat(s), {tracks.Sum(t => t.Count):N0} position(s) " +
                         $"({picture.DrawnPointCount:N0} drawn{(_archive is null ? "" : $", read from the archive {_archive}")}) to {_path} as {_format}.");
            foreach (var note in picture.Notes) WriteVerbose(note);
            if (PassThru && written != null) WriteObject(SessionState.InvokeProvider.Item.Get(new[] { written.FullName }, false, true), true);
        }

        /// <summary>Positions, COG and SOG of the race's boats in its window, through the sliced downloader, by serial number.</summary>
        private Dictionary<string, List<IgtimiDataBlock>> Download(IgtimiRace race, List<string> serials)
        {
            var connection = ResolveConnection();
            var query = new IgtimiDataQuery { SerialNumbers = serials, Start = race.Start, End = race.End, Types = IgtimiRaceTrack.DataTypes };
            var blocks = new ConcurrentDictionary<string, List<IgtimiDataBlock>>(StringComparer.OrdinalIgnoreCase);
            IgtimiDataDownloader downloader;
            try
            {
                downloader = new IgtimiDataDownloader(connection, query) { Warning = EmitWarning };
            }
            catch (ArgumentException ex)
            {
                ThrowInvalidArgument(ex, race);
                return new Dictionary<string, List<IgtimiDataBlock>>();
            }
            RunApiCall(ct => downloader.RunAsync((block, _) =>
            {
                // One worker per device: a device's list is never added to by two workers at once.
                blocks.GetOrAdd(block.SerialNumber, _ => new List<IgtimiDataBlock>()).Add(block);
                return Task.CompletedTask;
            }, ct), serials);
            return new Dictionary<string, List<IgtimiDataBlock>>(blocks, StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>
        /// The same data read from the archive, offline: a warning per boat for the days of the race the archive lacks (those boats
        /// go into <paramref name="absent"/> when it lacks all of them), and a terminating error when it holds no position of the race at all.
        /// </summary>
        private Dictionary<string, List<IgtimiDataBlock>> ReadArchive(IgtimiRace race, List<string> serials, HashSet<string> absent)
        {
            var folder = _archive!;
            var blocks = new Dictionary<string, List<IgtimiDataBlock>>(StringComparer.OrdinalIgnoreCase);
            IgtimiRaceArchive archive;
            IReadOnlyList<IgtimiRaceArchiveGap> gaps = Array.Empty<IgtimiRaceArchiveGap>();
            try
            {
                archive = new IgtimiRaceArchive(folder, IgtimiArchiveFormats.Parquet(), serials, race.Start, race.End, IgtimiRaceTrack.DataTypes);
            }
            catch (PlatformNotSupportedException ex)
            {
                ThrowTerminatingError(ErrorRecords.Create(ex.Message, ErrorIds.ArchiveNotSupported, ErrorCategory.NotImplemented, folder,
                    "Run Export-IgtimiRace -Archive in PowerShell 7.6 or later, or draw the race from the server without -Archive.", inner: ex));
                return blocks;
            }
            ReadingArchive(folder, () => gaps = archive.Gaps());
            if (archive.LacksEverywhere(gaps, IgtimiRaceTrack.PositionType))
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    $"The archive '{folder}' holds no positions of the race '{race}': none of its {serials.Count} boat(s) " +
                    $"({string.Join(", ", serials)}) on {Days(archive.Days)}.",
                    ErrorIds.ArchiveMissingData, ErrorCategory.ObjectNotFound, folder,
                    "Give the archive the race's boats were saved to (Get-IgtimiRace | Save-IgtimiData -Path <archive>), or draw the race from the server."));
            }
            foreach (var serial in serials)
            {
                var mine = gaps.Where(g => string.Equals(g.SerialNumber, serial, StringComparison.OrdinalIgnoreCase)).ToList();
                if (mine.Count == 0) continue;
                var boat = race.FindBoat(serial);
                var who = boat?.BoatName is null ? serial : $"{boat.BoatName} ({serial})";
                var missing = mine.Where(g => g.Kind == IgtimiRaceArchiveGapKind.Missing).Select(g => g.Date).ToList();
                if (missing.Count == archive.Days.Count)
                {
                    absent.Add(serial);
                    WriteWarning($"The archive has no data of {who} on {Days(missing)}, the race's day(s); it is in the legend only.");
                }
                else if (missing.Count > 0)
                    WriteWarning($"The archive has no data of {who} on {Days(missing)}; its track lacks that part of the race.");
                foreach (var lacking in mine.Where(g => g.Kind == IgtimiRaceArchiveGapKind.LacksTypes))
                    WriteWarning($"The archive holds {lacking.Date:yyyy-MM-dd} of {who} without " +
                                 $"{string.Join(", ", lacking.MissingTypes.Select(t => IgtimiDataTypeCatalog.Get(t).Name))}; its track has none of them that day.");
                foreach (var open in mine.Where(g => g.Kind == IgtimiRaceArchiveGapKind.Open))
                    WriteWarning($"The archive's {open.Date:yyyy-MM-dd} of {who} was saved at {open.Fetched?.UtcDateTime:u}, before the day was over; " +
                                 "what came later is not in it.");
            }
            ReadingArchive(folder, () => RunAsync(ct => archive.ReadAsync((block, _) =>
            {
                if (!blocks.TryGetValue(block.SerialNumber, out var list)) blocks[block.SerialNumber] = list = new List<IgtimiDataBlock>();
                list.Add(block);
                return Task.CompletedTask;
            }, ct)));
            return blocks;
        }

        /// <summary>Runs a read of the archive; its failures stop the cmdlet as in Import-IgtimiArchive.</summary>
        private void ReadingArchive(string folder, Action read)
        {
            try
            {
                read();
            }
            catch (Exception ex) when (ErrorRecords.ForArchiveRead(ex, folder) is ErrorRecord error)
            {
                ThrowTerminatingError(error);
            }
        }

        private static string Days(IEnumerable<DateTime> days) => string.Join(", ", days.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

        /// <summary>One track per boat of the race, from its blocks.</summary>
        private static List<IgtimiRaceTrack> Tracks(IgtimiRace race, List<string> serials, Dictionary<string, List<IgtimiDataBlock>> blocks)
        {
            long start = race.Start.ToUnixTimeMilliseconds(), end = race.End.ToUnixTimeMilliseconds();
            return (race.Boats ?? Array.Empty<IgtimiRaceBoat>())
                .Where(b => b != null && serials.Contains(b.SerialNumber?.Trim() ?? "", StringComparer.OrdinalIgnoreCase))
                .GroupBy(b => b.SerialNumber.Trim(), StringComparer.OrdinalIgnoreCase)
                .Select(g => IgtimiRaceTrack.FromBlocks(g.First(), blocks.TryGetValue(g.Key, out var list) ? list : new List<IgtimiDataBlock>(), start, end))
                .ToList();
        }
    }
}
