using System.Linq;
using System.Management.Automation;
using Igtimi.Client.Api;
using Igtimi.Client.Models;
using IgtimiPS.Arguments;
using IgtimiPS.Base;
using IgtimiPS.Completers;

namespace IgtimiPS.Cmdlets.Devices
{
    /// <summary>Renames a device (igtimi.com: <c>PUT devices/:serial</c> with <c>name</c>; SAP's server has no such call).</summary>
    [Cmdlet(VerbsCommon.Set, "IgtimiDevice", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(IgtimiDevice))]
    public sealed class SetIgtimiDeviceCmdlet : DeviceWriteCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("DeviceSerialNumber", "Serial")]
        [ValidateSerialNumber]
        [ArgumentCompleter(typeof(SerialNumberCompleter))]
        public string SerialNumber { get; set; } = "";

        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = "";

        /// <summary>Read the device again after the rename and write it to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            if (!Approve(connection, $"device {SerialNumber}", $"Rename the device to '{Name}'")) return;
            if (!RunWrite(connection, ct => connection.RenameDeviceAsync(SerialNumber, Name, ct), SerialNumber, $"rename {SerialNumber}",
                    "modify on the device (its owner or its admin group)"))
                return;
            DeviceListCache.Forget(connection);
            if (!PassThru) return;
            IgtimiDevice? device = null;
            if (RunWrite(connection, async ct => device = (await connection.GetDevicesAsync(new[] { SerialNumber }, ct).ConfigureAwait(false)).FirstOrDefault(),
                    SerialNumber, $"read {SerialNumber}", "read on the device") && device != null)
                WriteObject(device);
        }
    }
}
