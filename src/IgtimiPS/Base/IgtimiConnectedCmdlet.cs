using System.Management.Automation;
using Igtimi.Client;

namespace IgtimiPS.Base
{
    /// <summary>A cmdlet that talks to a server: takes -Connection, else uses the current connection.</summary>
    public abstract class IgtimiConnectedCmdlet : IgtimiCmdlet
    {
        /// <summary>The connection to use; by default the one Connect-Igtimi made current.</summary>
        [Parameter]
        [ValidateNotNull]
        public IgtimiConnection? Connection { get; set; }

        private IgtimiConnection? _resolved;

        /// <summary>The connection this call uses. Resolved once per call; a terminating error when there is none.</summary>
        protected IgtimiConnection ActiveConnection => _resolved ??= Resolve();

        private IgtimiConnection Resolve()
        {
            var connection = Connection ?? IgtimiSessionState.Current;
            if (connection is null)
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    "You are not connected to an Igtimi server.",
                    ErrorIds.NotConnected, ErrorCategory.AuthenticationError, null,
                    "Run Connect-Igtimi first, or pass a connection with -Connection."));
            }
            if (!connection!.IsOpen)
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    $"The connection to {connection.BaseUri} was closed by Disconnect-Igtimi.",
                    ErrorIds.ConnectionClosed, ErrorCategory.InvalidOperation, connection,
                    "Connect again with Connect-Igtimi."));
            }
            return connection;
        }
    }
}
