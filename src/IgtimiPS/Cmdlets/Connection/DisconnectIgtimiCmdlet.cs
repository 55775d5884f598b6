using System.Management.Automation;
using Igtimi.Client;
using IgtimiPS.Base;
using IgtimiPS.Connections;
using IgtimiPS.Errors;

namespace IgtimiPS.Cmdlets.Connection
{
    /// <summary>Closes a connection and forgets its token.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Igtimi", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(IgtimiConnection))]
    public sealed class DisconnectIgtimiCmdlet : IgtimiCmdlet
    {
        /// <summary>The connection to close; by default the current one.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        public IgtimiConnection? Connection { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var connection = Connection ?? IgtimiConnectionRegistry.Current;
            if (connection is null)
            {
                ThrowTerminatingError(ErrorRecords.Create("You are not connected to an Igtimi server.", ErrorIds.NotConnected,
                    ErrorCategory.AuthenticationError, null, "Nothing to disconnect; Get-IgtimiConnection -All lists open connections."));
                return;
            }
            if (!ShouldProcess(connection.ToString(), "Disconnect")) return;
            IgtimiConnectionRegistry.Remove(connection);
            connection.Dispose();
            WriteVerbose($"Disconnected from {connection.BaseUri}.");
            if (PassThru) WriteObject(connection);
        }
    }
}
