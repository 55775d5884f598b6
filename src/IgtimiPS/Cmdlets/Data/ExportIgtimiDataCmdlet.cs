using System;
using System.Collections;
using System.IO;
using System.Management.Automation;
using System.Threading;
using Igtimi.Client.Data;
using Igtimi.Client.Export;
using Igtimi.Client.Http;
using Igtimi.Client.IO;
using IgtimiPS.Base;
using IgtimiPS.Errors;

namespace IgtimiPS.Cmdlets.Data
{
    /// <summary>
    /// Writes data points from the pipeline to a CSV, GPX or GeoJSON file. The file is written as
    /// "&lt;path&gt;.partial" and renamed when complete; an interrupted export leaves no file behind.
    /// </summary>
    [Cmdlet(VerbsData.Export, "IgtimiData", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportIgtimiDataCmdlet : IgtimiCmdlet
    {
        /// <summary>The file to write; a relative path is taken from the current location. The folder must exist.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>The format; by default taken from the extension (.csv, .gpx, .geojson, .json).</summary>
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

        private string _path = "";
        private IgtimiExportFormat _format;
        private AtomicFile? _file;
        private IgtimiDataWriter? _writer;
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
                    "Give -Format Csv, Gpx or GeoJson, or use one of the known extensions."));
            }

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
                _writer = IgtimiDataWriter.Create(_format, _file.Stream);
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

        private void Take(object? item, bool nested)
        {
            var value = item is PSObject wrapped ? wrapped.BaseObject : item;
            switch (value)
            {
                case IgtimiDataPoint point:
                    if (!_skip) Guard(() => _writer!.Write(point));
                    return;
                case IgtimiDataBlock block:
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
            var ignored = _writer.IgnoredPointCount > 0
                ? $"; {_writer.IgnoredPointCount} point(s) of types other than positions, SOG and COG are not part of {_format} " +
                  "(use -Format Csv for every value)"
                : "";
            WriteVerbose($"Wrote {_writer.PointCount} point(s) of {_writer.TimelineCount} device(s) to {_path} as {_format}{ignored}.");
            if (_writer.ImplausibleTimeCount > 0)
                WriteWarning($"{_writer.ImplausibleTimeCount} point(s) have impossible times (not after 1970-01-01, or from {UnixTime.PlausibleEnd.Year} on) " +
                             $"and were left out of {_path}.");
            if (_format != IgtimiExportFormat.Csv && _writer.PositionCount == 0)
                WriteWarning($"None of the {_writer.PointCount + _writer.IgnoredPointCount} point(s) is a GPS position (type 1), so {_path} holds no track. " +
                             "Download positions too (Get-IgtimiData -Type gps_latlong, …), or export with -Format Csv.");
            if (PassThru) WriteObject(written);
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
