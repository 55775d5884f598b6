using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Archive;
using Igtimi.Client.Data;
using IgtimiPS.Arguments;
using IgtimiPS.Base;
using IgtimiPS.Completers;
using IgtimiPS.Errors;

namespace IgtimiPS.Cmdlets.Data
{
    /// <summary>
    /// Reads a Save-IgtimiData archive back into the typed points Get-IgtimiData gives (or its column blocks with -Raw), with no
    /// server: by device, time window and type. Only the files the manifest names are read.
    /// </summary>
    [Cmdlet(VerbsData.Import, "IgtimiArchive")]
    [OutputType(typeof(IgtimiDataPoint), typeof(IgtimiPositionPoint), typeof(IgtimiSpeedPoint), typeof(IgtimiAnglePoint),
        typeof(IgtimiHeartRatePoint), typeof(IgtimiValuePoint), typeof(IgtimiDataBlock))]
    public sealed class ImportIgtimiArchiveCmdlet : IgtimiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>Devices to read; by default every device in the archive.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("DeviceSerialNumber", "Serial")]
        [ValidateSerialNumber]
        [ArgumentCompleter(typeof(SerialNumberCompleter))]
        public string[]? SerialNumber { get; set; }

        [Parameter]
        [Alias("StartTime", "From")]
        public DateTimeOffset? Start { get; set; }

        [Parameter]
        [Alias("EndTime", "To")]
        public DateTimeOffset? End { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DataTypeCompleter))]
        public string[]? Type { get; set; }

        /// <summary>One object per run of rows of one device × type, with the columns as arrays.</summary>
        [Parameter]
        public SwitchParameter Raw { get; set; }

        protected override void ProcessRecord()
        {
            if (Start.HasValue && End.HasValue && Start.Value > End.Value)
                ThrowTerminatingError(ErrorRecords.Create($"-Start ({Start.Value.UtcDateTime:u}) is after -End ({End.Value.UtcDateTime:u}).",
                    ErrorIds.InvalidParameter, ErrorCategory.InvalidArgument, Start));
            var folder = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            IgtimiArchiveReader reader;
            try
            {
                reader = new IgtimiArchiveReader(folder, IgtimiArchiveFormats.Parquet())
                {
                    SerialNumbers = SerialNumber,
                    Start = Start,
                    End = End,
                    Types = Type == null ? null : DataTypeArguments.Resolve(Type),
                };
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(ErrorRecords.Create(ex.Message, ErrorIds.InvalidParameter, ErrorCategory.InvalidArgument, Type, inner: ex));
                return;
            }
            catch (PlatformNotSupportedException ex)
            {
                ThrowTerminatingError(ErrorRecords.Create(ex.Message, ErrorIds.ArchiveNotSupported, ErrorCategory.NotImplemented, folder,
                    "Run Import-IgtimiArchive in PowerShell 7.6 or later.", inner: ex));
                return;
            }
            try
            {
                RunAsync(ct => reader.ReadAsync(WriteBlockAsync, ct));
            }
            catch (Exception ex) when (ErrorRecords.ForArchiveRead(ex, folder) is ErrorRecord error)
            {
                ThrowTerminatingError(error);
            }
        }

        private Task WriteBlockAsync(IgtimiDataBlock block, CancellationToken cancellationToken) =>
            InvokeOnPipelineAsync(() =>
            {
                if (Raw) WriteObject(block);
                else for (var i = 0; i < block.Count; i++) WriteObject(block.PointAt(i));
                return true;
            });
    }
}
