using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using Igtimi.Client;
using Igtimi.Client.Data;
using Igtimi.Client.Export;
using Igtimi.Client.Http;
using Igtimi.Client.IO;
using Igtimi.Client.Models;
using IgtimiPS.Base;
using IgtimiPS.Completers;
using IgtimiPS.Connections;
using IgtimiPS.Errors;

namespace IgtimiPS.Cmdlets.Data
{
    /// <summary>
    /// Writes data points from the pipeline to a CSV, GPX, GeoJSON, NMEA 0183 or KML file. The file is written as
    /// "&lt;path&gt;.&lt;random&gt;.partial" and renamed when complete; an interrupted export (Ctrl+C, an error, SIGTERM)
    /// leaves no file behind. No input writes no file unless -AllowEmpty.
    /// </summary>
    [Cmdlet(VerbsData.Export, "IgtimiData", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportIgtimiDataCmdlet : IgtimiCmdlet
    {
        /// <summary>The file to write; a relative path is taken from the current location. The folder must exist.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>The format; by default taken from the extension (.csv, .gpx, .geojson, .json, .nmea, .kml).</summary>
        [Parameter(Position = 1)]
        public IgtimiExportFormat Format { get; set; }

        /// <summary>Data points (Get-IgtimiData) or data blocks (Get-IgtimiData -Raw).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        [AllowEmptyCollection]
        public object?[] InputObject { get; set; } = null!;

        /// <summary>Replaces a read-only file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Refuses to replace an existing file.</summary>
        [Parameter]
        [Alias("NoOverwrite")]
        public SwitchParameter NoClobber { get; set; }

        /// <summary>Returns the written file.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Writes a document without data (a CSV header, an empty GPX, …) when no point comes in; without it, no file.</summary>
        [Parameter]
        public SwitchParameter AllowEmpty { get; set; }

        /// <summary>Boat names by serial number (hashtable); they name the tracks of GPX, KML and GeoJSON and win over device names.</summary>
        [Parameter]
        [ValidateNotNull]
        public IDictionary BoatName { get; set; } = null!;

        /// <summary>The connection whose device names name the tracks; by default the current one, if any.</summary>
        [Parameter]
        [ValidateNotNull]
        public IgtimiConnection? Connection { get; set; }

        /// <summary>GPX only: 1.1 (default; speed and course in the Garmin extension) or 1.0 (standard speed and course elements).</summary>
        [Parameter]
        [ValidateSet("1.1", "1.0")]
        public string GpxVersion { get; set; } = "1.1";

        /// <summary>GeoJSON only: one Point feature per position, with its values as properties, instead of one line per device.</summary>
        [Parameter]
        public SwitchParameter PointFeatures { get; set; }

        private string _path = "";
        private IgtimiExportFormat _format;
        private readonly IgtimiExportOptions _options = new IgtimiExportOptions();
        private AtomicFile? _file;
        private IgtimiDataWriter? _writer;
        // The boat names the input itself carries (data that came for a race), by serial: the first one seen wins.
        private readonly Dictionary<string, string> _carriedBoatNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        private bool _skip;

        protected override void BeginProcessing()
        {
            _path = GetUnresolvedProviderPathFromPSPath(Path);
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Format))) _format = Format;
            else if (!IgtimiExportFormats.TryFromPath(_path, out _format))
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    $"Cannot tell the export format from the extension of '{Path}'; the known extensions are {IgtimiExportFormats.KnownExtensions}.",
                    ErrorIds.InvalidParameter, ErrorCategory.InvalidArgument, Path,
                    "Give -Format Csv, Gpx, GeoJson, Nmea or Kml, or use one of the known extensions."));
            }
            if (MyInvocation.BoundParameters.ContainsKey(nameof(GpxVersion)) && _format != IgtimiExportFormat.Gpx)
                ThrowFormatOnly(nameof(GpxVersion), "Gpx");
            if (PointFeatures && _format != IgtimiExportFormat.GeoJson) ThrowFormatOnly(nameof(PointFeatures), "GeoJson");
            _options.GpxVersion = GpxVersion == "1.0" ? IgtimiGpxVersion.Gpx10 : IgtimiGpxVersion.Gpx11;
            _options.GeoJsonPointFeatures = PointFeatures;

            var folder = System.IO.Path.GetDirectoryName(_path);
            if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
            {
                ThrowTerminatingError(ErrorRecords.Create($"The folder of '{Path}' ({folder}) does not exist.",
                    ErrorIds.OutFileFailed, ErrorCategory.ObjectNotFound, Path, "Create the folder first, or give another path."));
            }
            if (Directory.Exists(_path))
            {
                ThrowTerminatingError(ErrorRecords.Create($"'{_path}' is a folder; give the path of a file.",
                    ErrorIds.OutFileFailed, ErrorCategory.InvalidArgument, Path));
            }
            var existing = new FileInfo(_path);
            if (existing.Exists && NoClobber)
            {
                ThrowTerminatingError(ErrorRecords.Create($"The file '{_path}' already exists, and -NoClobber forbids replacing it.",
                    ErrorIds.OutFileFailed, ErrorCategory.ResourceExists, Path, "Remove -NoClobber to replace the file, or give another path."));
            }
            if (existing.Exists && existing.IsReadOnly && !Force)
            {
                ThrowTerminatingError(ErrorRecords.Create($"The file '{_path}' is read-only.",
                    ErrorIds.OutFileFailed, ErrorCategory.PermissionDenied, Path, "Use -Force to replace a read-only file."));
            }

            if (!ShouldProcess(_path, $"Export data as {_format}"))
            {
                _skip = true;
                return;
            }

            try
            {
                _file = AtomicFile.Create(_path);
                _writer = IgtimiDataWriter.Create(_format, _file.Stream, _options);
            }
            catch (Exception ex) when (IsFileError(ex))
            {
                ThrowFileError(ex);
            }
            WriteVerbose($"Exporting to {_file!.PartialPath} as {_format}; it gets its name {_path} when complete.");
        }

        protected override void ProcessRecord()
        {
            if (InputObject is null)
            {
                WriteInvalidInput(null);
                return;
            }
            foreach (var item in InputObject) Take(item, nested: false);
        }

        private void Carry(string serialNumber, string? boatName)
        {
            if (!string.IsNullOrWhiteSpace(boatName) && !_carriedBoatNames.ContainsKey(serialNumber)) _carriedBoatNames[serialNumber] = boatName!;
        }

        private void Take(object? item, bool nested)
        {
            var value = item is PSObject wrapped ? wrapped.BaseObject : item;
            switch (value)
            {
                case IgtimiDataPoint point:
                    Carry(point.SerialNumber, point.BoatName);
                    if (!_skip) Guard(() => _writer!.Write(point));
                    return;
                case IgtimiDataBlock block:
                    Carry(block.SerialNumber, block.BoatName);
                    if (!_skip) Guard(() => _writer!.Write(block));
                    return;
                case IEnumerable many when !nested && !(value is string) && !(value is IDictionary):
                    foreach (var inner in many) Take(inner, nested: true);
                    return;
                default:
                    WriteInvalidInput(item);
                    return;
            }
        }

        protected override void EndProcessing()
        {
            if (_skip || _writer is null || _file is null) return;
            var taken = _writer.PointCount + _writer.IgnoredPointCount + _writer.ImplausibleTimeCount;
            if (taken == 0 && !AllowEmpty)
            {
                _file.Discard();
                WriteWarning($"No data points came in, so no file was written to {_path}. " +
                             "Check the query that feeds Export-IgtimiData, or use -AllowEmpty to write a file without data.");
                return;
            }
            if (_format != IgtimiExportFormat.Csv) _options.TrackNames = TrackNames(_writer.SerialNumbers);
            FileInfo? written = null;
            try
            {
                _writer.Complete(CancellationToken);
                written = _file.Commit(overwrite: !NoClobber, overwriteReadOnly: Force);
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (Exception ex) when (IsFileError(ex))
            {
                ThrowFileError(ex);
            }
            var kept = _writer.KeptTypes is null ? "" : string.Join(", ", _writer.KeptTypes.Select(t => IgtimiDataTypeCatalog.Get(t).Name));
            var ignored = _writer.IgnoredPointCount > 0
                ? $"; {_writer.IgnoredPointCount} point(s) of other types than {kept} are not part of {_format} (use -Format Csv for every value)"
                : "";
            WriteVerbose($"Wrote {_writer.PointCount} point(s) of {_writer.TimelineCount} device(s) to {_path} as {_format}{ignored}.");
            if (_writer.ImplausibleTimeCount > 0)
                WriteWarning($"{_writer.ImplausibleTimeCount} point(s) have impossible times (not after 1970-01-01, or from {UnixTime.PlausibleEnd.Year} on) " +
                             $"and were left out of {_path}.");
            if (_format != IgtimiExportFormat.Csv && _writer.PositionCount == 0)
                WriteWarning($"None of the {_writer.PointCount + _writer.IgnoredPointCount} point(s) is a GPS position (type 1), so {_path} holds no track. " +
                             "Download positions too (Get-IgtimiData -Type gps_latlong, …), or export with -Format Csv.");
            if (PassThru && written != null) WriteObject(SessionState.InvokeProvider.Item.Get(new[] { written.FullName }, false, true), true);
        }

        /// <summary>
        /// Serial number → boat name: -BoatName first, then the boat names of the races Get-IgtimiData took, then the device
        /// names of the connection (Get-IgtimiDevice's Name,
        /// read once through the device-list cache, within a few seconds); serials with neither keep their serial number.
        /// </summary>
        private IReadOnlyDictionary<string, string> TrackNames(IReadOnlyCollection<string> serials)
        {
            var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (BoatName != null)
            {
                foreach (DictionaryEntry entry in BoatName)
                {
                    var serial = (entry.Key is PSObject k ? k.BaseObject : entry.Key)?.ToString();
                    var name = (entry.Value is PSObject v ? v.BaseObject : entry.Value)?.ToString();
                    if (!string.IsNullOrWhiteSpace(serial) && !string.IsNullOrWhiteSpace(name)) names[serial!.Trim()] = name!;
                }
            }
            foreach (var serial in serials)
            {
                if (names.ContainsKey(serial) || !_carriedBoatNames.TryGetValue(serial, out var boat)) continue;
                names[serial] = boat;
            }
            var missing = serials.Where(s => !names.ContainsKey(s)).ToList();
            var connection = Connection ?? IgtimiConnectionRegistry.Current;
            if (missing.Count == 0 || connection is null || !connection.IsOpen) return names;
            var found = 0;
            foreach (var device in DeviceListCache.Devices(connection))
            {
                if (device.SerialNumber is null || string.IsNullOrWhiteSpace(device.Name) || names.ContainsKey(device.SerialNumber)) continue;
                if (!missing.Contains(device.SerialNumber, StringComparer.OrdinalIgnoreCase)) continue;
                names[device.SerialNumber] = device.Name!;
                found++;
            }
            WriteVerbose($"{found} of {missing.Count} track(s) without a -BoatName entry are named by the device names of {connection.BaseUri}.");
            return names;
        }

        private void ThrowFormatOnly(string parameter, string format)
        {
            ThrowTerminatingError(ErrorRecords.Create($"-{parameter} applies to -Format {format} only; this export is {_format}.",
                ErrorIds.InvalidParameter, ErrorCategory.InvalidArgument, Path, $"Leave -{parameter} out, or export as {format}."));
        }

        /// <summary>Drops the writer's spool and the partial file unless the export was committed.</summary>
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _writer?.Dispose();
                _file?.Dispose();
                _writer = null;
                _file = null;
            }
            base.Dispose(disposing);
        }

        private void Guard(Action action)
        {
            try
            {
                action();
            }
            catch (Exception ex) when (IsFileError(ex))
            {
                ThrowFileError(ex);
            }
        }

        private void WriteInvalidInput(object? item)
        {
            var what = item is null ? "null" : (item is PSObject p ? p.BaseObject : item).GetType().FullName;
            WriteError(ErrorRecords.Create(
                $"Export-IgtimiData takes data points and data blocks (from Get-IgtimiData or Get-IgtimiLatestData), not {what}; the object is skipped.",
                ErrorIds.InvalidInput, ErrorCategory.InvalidType, item));
        }

        private static bool IsFileError(Exception ex) => ex is IOException || ex is UnauthorizedAccessException || ex is System.Security.SecurityException;

        private void ThrowFileError(Exception ex)
        {
            _writer?.Dispose();
            _file?.Dispose();
            ThrowTerminatingError(ErrorRecords.Create($"Could not write '{_path}': {ex.Message}", ErrorIds.OutFileFailed,
                ex is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.WriteError, _path, inner: ex));
        }
    }
}
