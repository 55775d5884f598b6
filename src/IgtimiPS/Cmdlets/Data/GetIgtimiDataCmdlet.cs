using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Data;
using Igtimi.Client.Models;
using IgtimiPS.Arguments;
using IgtimiPS.Base;
using IgtimiPS.Completers;

namespace IgtimiPS.Cmdlets.Data
{
    /// <summary>
    /// Downloads device data (resources/data) as typed points, or as column blocks with -Raw. Long
    /// ranges are cut into slices; devices are fetched in parallel; each device's points of a type come
    /// in time order.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "IgtimiData", DefaultParameterSetName = SerialNumberSet)]
    [OutputType(typeof(IgtimiDataPoint), typeof(IgtimiPositionPoint), typeof(IgtimiSpeedPoint), typeof(IgtimiAnglePoint),
        typeof(IgtimiHeartRatePoint), typeof(IgtimiValuePoint), typeof(IgtimiDataBlock))]
    public sealed class GetIgtimiDataCmdlet : DeviceOrRaceCmdlet
    {
        private const string SerialNumberSet = "SerialNumber";
        private const string InputObjectSet = "InputObject";

        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = SerialNumberSet)]
        [Alias("DeviceSerialNumber", "Serial")]
        [ValidateSerialNumber]
        [ArgumentCompleter(typeof(SerialNumberCompleter))]
        public string[] SerialNumber { get; set; } = null!;

        /// <summary>
        /// A device, serial number, or an object that names a device: a resource, data access window, data point, device-link log entry;
        /// or a race (Get-IgtimiRace, New-IgtimiRace), which gives its boats and, unless -Start and -End are given, its window.
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

        /// <summary>Type names or codes; by default every type 1–16.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DataTypeCompleter))]
        public string[]? Type { get; set; }

        /// <summary>The API's GPS compression: the largest allowed error in degrees (type 1 only).</summary>
        [Parameter]
        [ValidateRange(0.0, 1.0)]
        public double GpsTolerance { get; set; }

        /// <summary>One object per device × type block, with the columns as arrays.</summary>
        [Parameter]
        public SwitchParameter Raw { get; set; }

        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>The length of one request's time window (default 7 days, at most 31).</summary>
        [Parameter]
        public TimeSpan SliceLength { get; set; } = IgtimiDataQuery.DefaultSliceLength;

        protected override string RaceAction => "download";

        protected override void BeginProcessing()
        {
            if (HasStart && HasEnd && Start > End)
                ThrowInvalidArgument(new ArgumentException($"-Start ({Start.UtcDateTime:u}) is after -End ({End.UtcDateTime:u})."), Start);
        }

        protected override void EndProcessing()
        {
            foreach (var race in PipedRaces()) Download(race.SerialNumbers, race.Start, race.End, race.BoatNames);
            if (HasDevices()) Download(SerialNumbers, Start, End);
        }

        /// <param name="boatNames">For a race: its boat names by serial, which its blocks and points carry on to the exports.</param>
        private void Download(IgtimiSerialNumbers serialNumbers, DateTimeOffset start, DateTimeOffset end, IReadOnlyDictionary<string, string>? boatNames = null)
        {
            var connection = ResolveConnection();
            var query = new IgtimiDataQuery
            {
                SerialNumbers = serialNumbers,
                Start = start,
                End = end,
                GpsTolerance = GpsTolerance,
                ThrottleLimit = ThrottleLimit,
                SliceLength = SliceLength,
            };
            IgtimiDataDownloader downloader;
            try
            {
                if (Type != null) query.Types = DataTypeArguments.Resolve(Type);
                downloader = new IgtimiDataDownloader(connection, query) { WarnWhenEmpty = true };
            }
            catch (ArgumentException ex)
            {
                ThrowInvalidArgument(ex, Type);
                return;
            }

            var progress = new ProgressRecord(1, "Get-IgtimiData", $"{query.SerialNumbers.Count} device(s), {start.UtcDateTime:u} to {end.UtcDateTime:u}");
            var clock = Stopwatch.StartNew();
            TimeSpan? lastProgress = null;
            downloader.Warning = EmitWarning;
            downloader.Progress = new SynchronizedProgress<IgtimiDataProgress>(p =>
            {
                if (lastProgress.HasValue && clock.Elapsed - lastProgress.Value < ProgressInterval && p.SlicesDone < p.SlicesTotal) return;
                lastProgress = clock.Elapsed;
                progress.PercentComplete = p.SlicesTotal == 0 ? 100 : (int)(100L * p.SlicesDone / p.SlicesTotal);
                progress.StatusDescription = $"{p.SlicesDone} of {p.SlicesTotal} slices, {p.Samples:N0} points";
                EmitProgress(progress);
            });

            RunApiCall(ct => downloader.RunAsync((block, token) =>
            {
                if (boatNames != null && boatNames.TryGetValue(block.SerialNumber, out var boat)) block.BoatName = boat;
                return WriteBlockAsync(block, token);
            }, ct), query.SerialNumbers);
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }

        /// <summary>Writes a block on the pipeline thread and waits until it is written, so at most one block per worker is held.</summary>
        private Task WriteBlockAsync(IgtimiDataBlock block, CancellationToken cancellationToken) =>
            InvokeOnPipelineAsync(() =>
            {
                if (Raw) WriteObject(block);
                else for (var i = 0; i < block.Count; i++) WriteObject(block.PointAt(i));
                return true;
            });
    }
}
