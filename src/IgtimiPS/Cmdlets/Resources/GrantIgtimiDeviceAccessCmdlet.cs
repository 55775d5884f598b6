using System;
using System.Management.Automation;
using Igtimi.Client.Api;
using Igtimi.Client.Models;
using IgtimiPS.Arguments;
using IgtimiPS.Base;
using IgtimiPS.Completers;

namespace IgtimiPS.Cmdlets.Resources
{
    /// <summary>
    /// Shares a device's data for a time window (igtimi.com: <c>POST devices/:serial/data_access_window</c> with a user; SAP:
    /// <c>POST data_access_windows</c>, which has no recipient) and writes the new window.
    /// </summary>
    [Cmdlet(VerbsSecurity.Grant, "IgtimiDeviceAccess", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(IgtimiDataAccessWindow))]
    public sealed class GrantIgtimiDeviceAccessCmdlet : DeviceWriteCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("DeviceSerialNumber", "Serial")]
        [ValidateSerialNumber]
        [ArgumentCompleter(typeof(SerialNumberCompleter))]
        public string SerialNumber { get; set; } = "";

        /// <summary>The user to share with (igtimi.com needs one; SAP's server records no recipient, so it refuses one).</summary>
        [Parameter]
        [ValidateRange(1, long.MaxValue)]
        public long? UserId { get; set; }

        [Parameter(Mandatory = true)]
        [Alias("StartTime", "From")]
        public DateTimeOffset Start { get; set; }

        /// <summary>The end of the window; without it the share is open-ended: 100 years, as igtimi.com stored one.</summary>
        [Parameter]
        [Alias("EndTime", "To")]
        public DateTimeOffset? End { get; set; }

        /// <summary>Give the right to read the data (the default when neither -Read nor -Modify is given).</summary>
        [Parameter]
        public SwitchParameter Read { get; set; }

        /// <summary>Give the right to modify (share on) the data.</summary>
        [Parameter]
        public SwitchParameter Modify { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            var grant = new IgtimiAccessGrant
            {
                SerialNumber = SerialNumber,
                UserId = UserId,
                Start = Start,
                End = End ?? IgtimiAccessGrant.OpenEnd(Start),
                Read = Read || !Modify,
                Modify = Modify,
            };
            var rights = grant.Read && grant.Modify ? "read and modify" : grant.Read ? "read" : "modify";
            var who = UserId.HasValue ? $"user {UserId.Value}" : "no named user";
            if (!Approve(connection, $"device {SerialNumber}",
                    $"Give {who} {rights} on the data from {grant.Start.UtcDateTime:u} to {grant.End.UtcDateTime:u}"))
                return;
            IgtimiDataAccessWindow? window = null;
            if (!RunWrite(connection, async ct => window = await connection.GrantDeviceAccessAsync(grant, ct).ConfigureAwait(false), SerialNumber,
                    $"share {SerialNumber}", "modify on the device's data for that time"))
                return;
            if (window is null)
                WriteWarning($"The server confirmed the share of {SerialNumber} but lists no window with exactly these times; " +
                             "Get-IgtimiDataAccessWindow shows what it stored.");
            else
                WriteObject(window);
        }
    }
}
