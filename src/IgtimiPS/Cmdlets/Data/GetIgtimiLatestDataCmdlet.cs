using System;
using System.Linq;
using System.Management.Automation;
using Igtimi.Client.Api;
using Igtimi.Client.Data;
using Igtimi.Client.Models;
using IgtimiPS.Arguments;
using IgtimiPS.Base;
using IgtimiPS.Completers;

namespace IgtimiPS.Cmdlets.Data
{
    /// <summary>The latest sample of one type per device (resources/data/latest). Devices without such data are absent.</summary>
    [Cmdlet(VerbsCommon.Get, "IgtimiLatestData")]
    [OutputType(typeof(IgtimiDataPoint), typeof(IgtimiPositionPoint), typeof(IgtimiSpeedPoint), typeof(IgtimiAnglePoint),
        typeof(IgtimiHeartRatePoint), typeof(IgtimiValuePoint))]
    public sealed class GetIgtimiLatestDataCmdlet : IgtimiSerialNumberCmdlet
    {

        /// <summary>One type name or code.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DataTypeCompleter))]
        public string Type { get; set; } = null!;

        /// <summary>Devices to ask about; by default every device the user may see.</summary>
        [Parameter(Position = 1)]
        [Alias("DeviceSerialNumber", "Serial")]
        [ValidateSerialNumber]
        [ArgumentCompleter(typeof(SerialNumberCompleter))]
        public string[]? SerialNumber { get; set; }

        /// <summary>A device, serial number, or an object that names a device: a resource, data access window, data point, device-link log entry.</summary>
        [Parameter(ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        protected override void EndProcessing()
        {
            if (PipelineGaveNoDevice) return;
            var connection = ResolveConnection();
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
            var serials = SerialNumbers;
            RunApiCall(async ct =>
            {
                if (serials.IsEmpty)
                    serials = IgtimiSerialNumbers.From((await connection.GetDevicesAsync(null, ct).ConfigureAwait(false))
                        .Select(d => d.SerialNumber)
                        .Where(s => !string.IsNullOrWhiteSpace(s)));
                if (serials.IsEmpty) return;
                foreach (var point in await connection.GetLatestDataAsync(type, serials, ct, EmitWarning).ConfigureAwait(false)) Emit(point);
            }, "resources/data/latest");
        }
    }
}
