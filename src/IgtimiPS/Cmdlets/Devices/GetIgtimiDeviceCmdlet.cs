using System;
using System.Collections.Generic;
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
    /// <summary>Lists the devices the user may see, or the ones with the given serial numbers.</summary>
    [Cmdlet(VerbsCommon.Get, "IgtimiDevice")]
    [OutputType(typeof(IgtimiDevice))]
    public sealed class GetIgtimiDeviceCmdlet : IgtimiSerialNumberCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("DeviceSerialNumber", "Serial")]
        [ValidateSerialNumber]
        [ArgumentCompleter(typeof(SerialNumberCompleter))]
        public string[]? SerialNumber { get; set; }

        protected override void EndProcessing()
        {
            var connection = ResolveConnection();
            var wanted = SerialNumbers;
            IReadOnlyList<IgtimiDevice> devices = Array.Empty<IgtimiDevice>();
            RunApiCall(async ct => devices = await connection.GetDevicesAsync(wanted, ct).ConfigureAwait(false), "devices");
            foreach (var device in devices) WriteObject(device);
            if (wanted.IsEmpty) DeviceListCache.Remember(connection, devices);

            var found = IgtimiSerialNumbers.From(devices.Select(d => d.SerialNumber).Where(s => !string.IsNullOrWhiteSpace(s)));
            foreach (var missing in wanted.Where(s => !found.Contains(s)))
            {
                WriteError(ErrorRecords.Create($"No device with serial number '{missing}' is visible to {connection.User.Email ?? "this user"}.",
                    ErrorIds.NotFound, ErrorCategory.ObjectNotFound, missing,
                    "Check the serial number; a device appears only when you own it or a data access window lets you read it."));
            }
        }
    }
}
