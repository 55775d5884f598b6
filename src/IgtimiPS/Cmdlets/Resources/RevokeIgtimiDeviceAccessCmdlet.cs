using System.Management.Automation;
using Igtimi.Client.Api;
using IgtimiPS.Base;

namespace IgtimiPS.Cmdlets.Resources
{
    /// <summary>
    /// Deletes a data access window (SAP: <c>DELETE data_access_windows/{id}</c>). igtimi.com has no such call: the module's not-offered error.
    /// </summary>
    [Cmdlet(VerbsSecurity.Revoke, "IgtimiDeviceAccess", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(long))]
    public sealed class RevokeIgtimiDeviceAccessCmdlet : DeviceWriteCmdlet
    {
        /// <summary>The window's id (a piped window gives its own).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("WindowId", "DataAccessWindowId")]
        [ValidateRange(1, long.MaxValue)]
        public long Id { get; set; }

        /// <summary>Write the id of the revoked window to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            if (!Approve(connection, $"data access window {Id}", "Delete the window (whoever it shares with loses that access; window ids are reused)")) return;
            if (RunWrite(connection, ct => connection.RevokeDeviceAccessAsync(Id, ct), Id, $"revoke window {Id}", "delete on the window (the device's owner)")
                && PassThru)
                WriteObject(Id);
        }
    }
}
