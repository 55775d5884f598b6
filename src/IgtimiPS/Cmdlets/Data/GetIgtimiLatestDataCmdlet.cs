using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Igtimi.Client;
using Igtimi.Client.Data;
using IgtimiPS.Base;
using IgtimiPS.Completers;

namespace IgtimiPS.Cmdlets.Data
{
    /// <summary>The latest sample of one type per device (resources/data/latest). Devices without such data are absent.</summary>
    [Cmdlet(VerbsCommon.Get, "IgtimiLatestData")]
    [OutputType(typeof(IgtimiDataPoint), typeof(IgtimiPositionPoint), typeof(IgtimiSpeedPoint), typeof(IgtimiAnglePoint),
        typeof(IgtimiHeartRatePoint), typeof(IgtimiValuePoint))]
    public sealed class GetIgtimiLatestDataCmdlet : IgtimiConnectedCmdlet
    {
        private readonly SerialNumberSet _serials = new SerialNumberSet();

        /// <summary>One type name or code.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DataTypeCompleter))]
        public string Type { get; set; } = null!;

        /// <summary>Devices to ask about; by default every device the user may see.</summary>
        [Parameter(Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("DeviceSerialNumber", "Serial")]
        [ValidateNotNullOrEmpty]
        [ValidateSerialNumber]
        [ArgumentCompleter(typeof(SerialNumberCompleter))]
        public string[]? SerialNumber { get; set; }

        protected override void ProcessRecord()
        {
            _serials.Add(SerialNumber);
        }

        protected override void EndProcessing()
        {
            var connection = ActiveConnection;
            int type;
            try
            {
                type = DataTypeArguments.Resolve(new[] { Type })[0];
            }
            catch (ArgumentException ex)
            {
                ThrowInvalidArgument(ex, Type);
                return;
            }
            var serials = _serials.ToList();
            RunApiCall(async ct =>
            {
                if (serials.Count == 0)
                    serials = (await connection.GetDevicesAsync(null, ct).ConfigureAwait(false)).Select(d => d.SerialNumber).Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList();
                if (serials.Count == 0) return;
                foreach (var point in await connection.GetLatestDataAsync(type, serials, ct, EmitWarning).ConfigureAwait(false)) Emit(point);
            }, "resources/data/latest");
        }
    }
}
