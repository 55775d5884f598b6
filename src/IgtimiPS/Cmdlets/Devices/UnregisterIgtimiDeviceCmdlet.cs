using System.Linq;
using System.Management.Automation;
using Igtimi.Client.Api;
using Igtimi.Client.Models;
using IgtimiPS.Arguments;
using IgtimiPS.Base;
using IgtimiPS.Completers;
using IgtimiPS.Errors;

namespace IgtimiPS.Cmdlets.Devices
{
    /// <summary>
    /// Unregisters a device (igtimi.com: <c>DELETE devices/:serial/unregister</c>; SAP: <c>DELETE devices/{id}</c>). The device is read first,
    /// so an unknown serial is a clear error and -PassThru writes the device as it was.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Unregister, "IgtimiDevice", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(IgtimiDevice))]
    public sealed class UnregisterIgtimiDeviceCmdlet : DeviceWriteCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("DeviceSerialNumber", "Serial")]
        [ValidateSerialNumber]
        [ArgumentCompleter(typeof(SerialNumberCompleter))]
        public string SerialNumber { get; set; } = "";

        /// <summary>Write the unregistered device to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            if (!Approve(connection, $"device {SerialNumber}", "Unregister the device (it stops being listed; this cannot be undone)")) return;
            IgtimiDevice? device = null;
            if (!RunWrite(connection, async ct => device = (await connection.GetDevicesAsync(new[] { SerialNumber }, ct).ConfigureAwait(false))
                    .FirstOrDefault(), SerialNumber, $"read {SerialNumber}", "read on the device"))
                return;
            if (device is null)
            {
                WriteError(ErrorRecords.Create($"No device with serial number '{SerialNumber}' is visible to {connection.User.Name} on {connection.BaseUri}.",
                    ErrorIds.NotFound, ErrorCategory.ObjectNotFound, SerialNumber, "Check the serial number with Get-IgtimiDevice."));
                return;
            }
            if (RunWrite(connection, ct => connection.UnregisterDeviceAsync(SerialNumber, device.Id, ct), device, $"unregister {SerialNumber}",
                    "ownership of the device"))
            {
                DeviceListCache.Forget(connection);
                if (PassThru) WriteObject(device);
            }
        }
    }
}
