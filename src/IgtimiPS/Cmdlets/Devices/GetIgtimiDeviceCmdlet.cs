using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Igtimi.Client;
using Igtimi.Client.Models;
using IgtimiPS.Base;
using IgtimiPS.Completers;

namespace IgtimiPS.Cmdlets.Devices
{
    /// <summary>Lists the devices the user may see, or the ones with the given serial numbers.</summary>
    [Cmdlet(VerbsCommon.Get, "IgtimiDevice")]
    [OutputType(typeof(IgtimiDevice))]
    public sealed class GetIgtimiDeviceCmdlet : IgtimiConnectedCmdlet
    {
        private readonly SerialNumberSet _serials = new SerialNumberSet();

        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
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
            var wanted = _serials.ToList();
            IReadOnlyList<IgtimiDevice> devices = Array.Empty<IgtimiDevice>();
            RunApiCall(async ct => devices = await connection.GetDevicesAsync(wanted, ct).ConfigureAwait(false), "devices");
            foreach (var device in devices) WriteObject(device);
            if (wanted.Count == 0) SerialNumberCompleter.Remember(connection, devices);

            var found = new HashSet<string>(devices.Select(d => d.SerialNumber ?? ""), StringComparer.OrdinalIgnoreCase);
            foreach (var missing in wanted.Where(s => !found.Contains(s)))
            {
                WriteError(ErrorRecords.Create($"No device with serial number '{missing}' is visible to {connection.User.Email ?? "this user"}.",
                    ErrorIds.NotFound, ErrorCategory.ObjectNotFound, missing,
                    "Check the serial number; a device appears only when you own it or a data access window lets you read it."));
            }
        }
    }
}
