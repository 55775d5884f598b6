using System;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using Igtimi.Client.Archive;
using Igtimi.Client.Models;
using IgtimiPS.Arguments;
using IgtimiPS.Base;
using IgtimiPS.Completers;
using IgtimiPS.Errors;

namespace IgtimiPS.Cmdlets.Data
{
    /// <summary>
    /// Archives device data into a Hive-partitioned Parquet folder (serial=…/date=…/family-n.parquet) with a manifest, in
    /// whole UTC days; a later run fetches only the days missing or not yet over. A race from the pipeline archives its boats over
    /// its window, one run per race. Ctrl+C stops at once and keeps what is complete.
    /// </summary>
    [Cmdlet(VerbsData.Save, "IgtimiData", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = SerialNumberSet)]
    [OutputType(typeof(IgtimiArchiveResult))]
    public sealed class SaveIgtimiDataCmdlet : DeviceOrRaceCmdlet
    {
        private const string SerialNumberSet = "SerialNumber";
        private const string InputObjectSet = "InputObject";
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

        /// <summary>The archive folder; created when missing.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = SerialNumberSet)]
        [Alias("DeviceSerialNumber", "Serial")]
        [ValidateSerialNumber]
        [ArgumentCompleter(typeof(SerialNumberCompleter))]
        public string[] SerialNumber { get; set; } = null!;

        /// <summary>
        /// A device, serial number, or an object that names a device; or a race (Get-IgtimiRace, New-IgtimiRace), which gives its
        /// boats and, unless -Start and -End are given, its window.
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public PSObject InputObject { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = SerialNumberSet)]
        [Parameter(ParameterSetName = InputObjectSet)]
        [Alias("StartTime", "From")]
        public DateTimeOffset Start { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = SerialNumberSet)]
        [Parameter(ParameterSetName = InputObjectSet)]
        [Alias("EndTime", "To")]
        public DateTimeOffset End { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DataTypeCompleter))]
        public string[]? Type { get; set; }

        [Parameter]
        [ValidateRange(0.0, 1.0)]
        public double GpsTolerance { get; set; }

        /// <summary>Devices downloaded at once.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>Fetches every day again, even those the manifest has as complete.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override string RaceAction => "archive";

        protected override void BeginProcessing()
        {
            if (HasStart && HasEnd && Start > End)
                ThrowInvalidArgument(new ArgumentException($"-Start ({Start.UtcDateTime:u}) is after -End ({End.UtcDateTime:u})."), Start);
        }

        protected override void EndProcessing()
        {
            foreach (var race in PipedRaces()) Archive(race.SerialNumbers, race.Start, race.End, $" of the race '{race.Name}'");
            if (HasDevices()) Archive(SerialNumbers, Start, End, "");
        }

        /// <summary>One run of the archiver: these devices over the whole UTC days of the window.</summary>
        private void Archive(IgtimiSerialNumbers serialNumbers, DateTimeOffset start, DateTimeOffset end, string what)
        {
            var folder = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            var connection = ResolveConnection();
            IgtimiArchiver archiver;
            try
            {
                var options = new IgtimiArchiveOptions
                {
                    Path = folder,
                    SerialNumbers = serialNumbers,
                    Start = start,
                    End = end,
                    Types = Type == null ? null : DataTypeArguments.Resolve(Type),
                    GpsTolerance = GpsTolerance,
                    ThrottleLimit = ThrottleLimit,
                    Force = Force,
                };
                archiver = new IgtimiArchiver(connection, IgtimiArchiveFormats.Parquet(), options);
            }
            catch (ArgumentException ex)
            {
                ThrowInvalidArgument(ex, Type);
                return;
            }
            catch (PlatformNotSupportedException ex)
            {
                ThrowTerminatingError(ErrorRecords.Create(ex.Message, ErrorIds.ArchiveNotSupported, ErrorCategory.NotImplemented, folder,
                    "Run Save-IgtimiData in PowerShell 7.6 or later.", inner: ex));
                return;
            }
            if (!ShouldProcess(folder, $"Archive the data of {serialNumbers.Count} device(s){what}, {start.UtcDateTime:u} to {end.UtcDateTime:u}")) return;

            var progress = new ProgressRecord(1, "Save-IgtimiData", $"{serialNumbers.Count} device(s){what} into {folder}");
            var clock = Stopwatch.StartNew();
            TimeSpan? last = null;
            archiver.Warning = EmitWarning;
            archiver.Progress = new SynchronizedProgress<IgtimiArchiveProgress>(p =>
            {
                if (last.HasValue && clock.Elapsed - last.Value < ProgressInterval && p.DaysDone < p.DaysTotal) return;
                last = clock.Elapsed;
                progress.PercentComplete = p.DaysTotal == 0 ? 100 : (int)(100L * p.DaysDone / p.DaysTotal);
                progress.StatusDescription = $"{p.DaysDone} of {p.DaysTotal} device-days, {p.Rows:N0} rows";
                EmitProgress(progress);
            });
            IgtimiArchiveResult? result = null;
            try
            {
                RunApiCall(async ct => result = await archiver.RunAsync(ct).ConfigureAwait(false), serialNumbers);
            }
            catch (IgtimiArchiveLockedException ex)
            {
                ThrowTerminatingError(ErrorRecords.Create(ex.Message, ErrorIds.ArchiveLocked, ErrorCategory.ResourceBusy, folder,
                    "Another Save-IgtimiData is writing this archive; wait for it to end.", inner: ex));
            }
            catch (InvalidDataException ex)
            {
                ThrowTerminatingError(ErrorRecords.Create(ex.Message, ErrorIds.ArchiveInvalid, ErrorCategory.InvalidData, folder,
                    "Give the folder of an archive Save-IgtimiData wrote, or an empty folder.", inner: ex));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is InvalidOperationException)
            {
                ThrowTerminatingError(ErrorRecords.Create($"Could not write the archive '{folder}': {ex.Message}", ErrorIds.ArchiveFailed,
                    ex is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.WriteError, folder, inner: ex));
            }
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
            if (result != null) WriteObject(result);
        }
    }
}
