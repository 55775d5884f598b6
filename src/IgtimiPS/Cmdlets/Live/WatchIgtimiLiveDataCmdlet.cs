using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using Igtimi.Client.Data;
using Igtimi.Client.Live;
using IgtimiPS.Arguments;
using IgtimiPS.Base;
using IgtimiPS.Completers;

namespace IgtimiPS.Cmdlets.Live
{
    /// <summary>
    /// Streams live data over the Igtimi WebSocket protocol as typed points, with heartbeats,
    /// failover across the server list, reconnects, and gap fill from resources/data.
    /// </summary>
    [Cmdlet(VerbsCommon.Watch, "IgtimiLiveData", DefaultParameterSetName = SerialNumberSet)]
    [OutputType(typeof(IgtimiDataPoint), typeof(IgtimiPositionPoint), typeof(IgtimiSpeedPoint), typeof(IgtimiAnglePoint),
        typeof(IgtimiHeartRatePoint), typeof(IgtimiValuePoint))]
    public sealed class WatchIgtimiLiveDataCmdlet : IgtimiSerialNumberCmdlet
    {
        private const string SerialNumberSet = "SerialNumber";
        private const string InputObjectSet = "InputObject";

        public const string InformationTag = "IgtimiLive";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = SerialNumberSet)]
        [Alias("DeviceSerialNumber", "Serial")]
        [ValidateSerialNumber]
        [ArgumentCompleter(typeof(SerialNumberCompleter))]
        public string[] SerialNumber { get; set; } = null!;

        /// <summary>A device, serial number, or an object that names a device: a resource, data access window, data point, device-link log entry.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public PSObject InputObject { get; set; } = null!;

        /// <summary>Type names or codes to pass on; by default every type.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DataTypeCompleter))]
        public string[]? Type { get; set; }

        /// <summary>Stop after this long.</summary>
        [Parameter]
        public TimeSpan? Duration { get; set; }

        /// <summary>Stop after this many points.</summary>
        [Parameter]
        [ValidateRange(1, long.MaxValue)]
        public long Count { get; set; }

        /// <summary>Do not fetch what was missed while reconnecting.</summary>
        [Parameter]
        public SwitchParameter NoGapFill { get; set; }

        [Parameter]
        public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

        [Parameter]
        public TimeSpan SilenceLimit { get; set; } = TimeSpan.FromSeconds(45);


        protected override void EndProcessing()
        {
            if (PipelineGaveNoDevice) return;
            if (Duration.HasValue && (Duration.Value <= TimeSpan.Zero || Duration.Value.TotalMilliseconds > int.MaxValue))
                ThrowInvalidArgument(
                    new ArgumentException($"-Duration must be positive and at most {TimeSpan.FromMilliseconds(int.MaxValue).TotalDays:0} days."), Duration);
            var connection = ResolveConnection();
            var options = new IgtimiLiveOptions
            {
                SerialNumbers = SerialNumbers,
                GapFill = !NoGapFill,
                HeartbeatInterval = HeartbeatInterval,
                SilenceLimit = SilenceLimit,
            };
            IgtimiLiveClient client;
            try
            {
                if (Type != null) options.Types = DataTypeArguments.Resolve(Type).ToList();
                client = new IgtimiLiveClient(connection, options);
            }
            catch (ArgumentException ex)
            {
                ThrowInvalidArgument(ex, Type);
                return;
            }
            client.Warning = EmitWarning;
            // Events also come while stopping, when the pipeline may no longer take output; those are dropped.
            client.Events = e => TryPost(() => WriteInformation(e, new[] { InformationTag }));

            long written = 0;
            RunApiCall(async ct =>
            {
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
                if (Duration.HasValue) stop.CancelAfter(Duration.Value);
                try
                {
                    await client.RunAsync((block, token) => InvokeOnPipelineAsync(() =>
                    {
                        for (var i = 0; i < block.Count; i++)
                        {
                            if (Count > 0 && written >= Count) break;
                            WriteObject(block.PointAt(i));
                            written++;
                        }
                        if (Count > 0 && written >= Count) stop.Cancel();
                        return true;
                    }), stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested && !ct.IsCancellationRequested)
                {
                    // -Duration or -Count ended the watch: a normal end.
                }
            }, options.SerialNumbers);
        }
    }
}
