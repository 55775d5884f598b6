using System.Management.Automation;
using Igtimi.Client.Api;
using Igtimi.Client.Models;
using IgtimiPS.Arguments;
using IgtimiPS.Base;
using IgtimiPS.Completers;

namespace IgtimiPS.Cmdlets.Devices
{
    /// <summary>Registers a device to the signed-in user (igtimi.com: <c>POST devices/register</c>; SAP: <c>POST devices</c>) and writes it.</summary>
    [Cmdlet(VerbsLifecycle.Register, "IgtimiDevice", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(IgtimiDevice))]
    public sealed class RegisterIgtimiDeviceCmdlet : DeviceWriteCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("DeviceSerialNumber", "Serial")]
        [ValidateSerialNumber]
        public string SerialNumber { get; set; } = "";

        /// <summary>The code printed on the unit (igtimi.com; the parameter name <c>service_tag</c> is inferred). SAP's server takes none.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? ServiceTag { get; set; }

        /// <summary>The device's name (SAP: in the create body; igtimi.com: set by a rename right after).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>SAP only: the id to create the device with (the server uses it as sent); by default the next free one.</summary>
        [Parameter]
        [ValidateRange(1, long.MaxValue)]
        public long? DeviceId { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            if (!Approve(connection, $"device {SerialNumber}", "Register the device to the signed-in user")) return;
            IgtimiDevice? device = null;
            if (RunWrite(connection, async ct => device = await connection.RegisterDeviceAsync(SerialNumber, ServiceTag, Name, DeviceId, ct)
                        .ConfigureAwait(false), SerialNumber, $"register {SerialNumber}", "the right to create devices"))
            {
                DeviceListCache.Forget(connection);
                WriteObject(device);
            }
        }
    }
}
