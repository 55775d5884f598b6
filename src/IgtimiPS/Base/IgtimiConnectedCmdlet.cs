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

        /// <summary>Reports one failed item and goes on with the next.</summary>
        protected void WriteItemError(Igtimi.Client.Http.IgtimiApiException ex, object? target) =>
            WriteError(ErrorRecords.FromApiException(ex, null, target));

        /// <summary>Runs one API call; a failure stops the cmdlet with an error record built from it.</summary>
        protected void RunApiCall(System.Func<System.Threading.CancellationToken, System.Threading.Tasks.Task> work, object? target)
        {
            try
            {
                RunAsync(work);
            }
            catch (Igtimi.Client.Http.IgtimiApiException ex)
            {
                ThrowTerminatingError(ErrorRecords.FromApiException(ex, null, target));
            }
        }

        /// <summary>Checks the token by reading the account (used to tell a refusal from a dead token).</summary>
        internal bool TokenStillWorks(IgtimiConnection connection)
        {
            try
            {
                RunAsync(ct => connection.GetAccountAsync(ct));
                return true;
            }
            catch (Igtimi.Client.Http.IgtimiApiException)
            {
                return false;
            }
        }

        /// <summary>Stops with InvalidArgument before any request when a filter is inconsistent.</summary>
        protected void ThrowInvalidArgument(System.ArgumentException ex, object? target) =>
            ThrowTerminatingError(ErrorRecords.Create(ex.Message, ErrorIds.InvalidParameter, ErrorCategory.InvalidArgument, target, inner: ex));
    }
}
