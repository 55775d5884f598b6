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
    /// <summary>Lists the devices the user may see, or the ones with the given serial numbers or names, or the devices piped objects name.</summary>
    [Cmdlet(VerbsCommon.Get, "IgtimiDevice")]
    [OutputType(typeof(IgtimiDevice))]
    public sealed class GetIgtimiDeviceCmdlet : IgtimiSerialNumberCmdlet
    {
        [Parameter(Position = 0)]
        [Alias("DeviceSerialNumber", "Serial")]
        [ValidateSerialNumber]
        [ArgumentCompleter(typeof(SerialNumberCompleter))]
        public string[]? SerialNumber { get; set; }

        /// <summary>A device, serial number, or an object that names a device: a resource, data access window, data point, device-link log entry.</summary>
        [Parameter(ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>Only devices whose name matches one of these (wildcards allowed); the server has no name filter, so the module filters.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? Name { get; set; }

        protected override void EndProcessing()
        {
            if (PipelineGaveNoDevice) return;
            var connection = ResolveConnection();
            var wanted = SerialNumbers;
            IReadOnlyList<IgtimiDevice> devices = Array.Empty<IgtimiDevice>();
            RunApiCall(async ct => devices = await connection.GetDevicesAsync(wanted, ct).ConfigureAwait(false), "devices");
            if (wanted.IsEmpty) DeviceListCache.Remember(connection, devices);
            var names = new NameFilter(Name);
            foreach (var device in devices)
                if (names.Matches(device.Name)) WriteObject(device);

            var found = IgtimiSerialNumbers.From(devices.Select(d => d.SerialNumber).Where(s => !string.IsNullOrWhiteSpace(s)));
            var user = connection.User.Email ?? connection.User.UserName ?? "this user";
            foreach (var missing in wanted.Where(s => !found.Contains(s)))
            {
                WriteError(ErrorRecords.Create($"No device with serial number '{missing}' is visible to {user}.",
                    ErrorIds.NotFound, ErrorCategory.ObjectNotFound, missing,
                    "Check the serial number; a device appears only when you own it or a data access window lets you read it."));
            }
            foreach (var missing in names.Unmatched)
            {
                var among = wanted.IsEmpty ? "" : " among the serial numbers given";
                WriteError(ErrorRecords.Create($"No device named '{missing}' is visible to {user}{among}.",
                    ErrorIds.NotFound, ErrorCategory.ObjectNotFound, missing,
                    "Check the name (wildcards such as 'YB-*' are allowed); a device appears only when you own it or a data access window lets you read it."));
            }
        }
    }
}
