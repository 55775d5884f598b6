using System;
using System.Management.Automation;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client;
using Igtimi.Client.Api;
using Igtimi.Client.Http;
using IgtimiPS.Arguments;
using IgtimiPS.Connections;
using IgtimiPS.Errors;

namespace IgtimiPS.Base
{
    /// <summary>A cmdlet that talks to a server: takes -Connection, else uses the current connection.</summary>
    public abstract class IgtimiConnectedCmdlet : IgtimiCmdlet
    {
        /// <summary>The connection to use; by default the one Connect-Igtimi made current.</summary>
        [Parameter]
        [ValidateNotNull]
        public IgtimiConnection? Connection { get; set; }

        /// <summary>The connection this call uses; a terminating error when there is none or it was closed.</summary>
        protected IgtimiConnection ResolveConnection()
        {
            var connection = Connection ?? IgtimiConnectionRegistry.Current;
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

        /// <summary>Runs one API call; a failure stops the cmdlet with an error record built from it.</summary>
        protected void RunApiCall(Func<CancellationToken, Task> work, object? target)
        {
            try
            {
                RunAsync(work);
            }
            catch (IgtimiApiException ex)
            {
                ThrowTerminatingError(ErrorRecords.FromApiException(ex, null, target));
            }
        }

        /// <summary>
        /// The error for one object that failed. A 401 for one object while the token still reads the
        /// account is a refusal of that object (igtimi.com answered so for sessions the user may not
        /// read), not a dead token.
        /// </summary>
        protected ErrorRecord ItemError(IgtimiConnection connection, IgtimiApiException ex, string what, object target)
        {
            if (ex.StatusCode == HttpStatusCode.Unauthorized && !TokenStillWorks(connection))
                return ErrorRecords.FromApiException(ex, null, target);
            if (ex.StatusCode != HttpStatusCode.Unauthorized && ex.StatusCode != HttpStatusCode.Forbidden)
                return ErrorRecords.FromApiException(ex, null, target);
            return ErrorRecords.Create($"{connection.User.Email ?? "This user"} may not read {what} ({(int)ex.StatusCode!.Value} from the server).",
                ErrorIds.AccessDenied, ErrorCategory.PermissionDenied, target,
                $"Ask the owner of {what} to share it with you or one of your groups.", ex);
        }

        private bool TokenStillWorks(IgtimiConnection connection)
        {
            try
            {
                RunAsync(ct => connection.GetAccountAsync(ct));
                return true;
            }
            catch (IgtimiApiException)
            {
                return false;
            }
        }

        /// <summary>
        /// The id of this cmdlet's noun that a piped object stands for; null (and a non-terminating error
        /// naming the object and what to pipe instead) when it stands for none.
        /// </summary>
        private protected long[]? PipedId(object? input, PipelineTarget target)
        {
            try
            {
                return new[] { PipelineInput.IdFor(input, target, MyInvocation.MyCommand.Name) };
            }
            catch (PipelineInputException ex)
            {
                WriteError(PipelineError(ex, input));
                return null;
            }
        }

        private protected static ErrorRecord PipelineError(PipelineInputException ex, object? input) =>
            ErrorRecords.Create(ex.Message, ex.ErrorId, ex.Category, input, ex.RecommendedAction);

        /// <summary>Stops with InvalidArgument before any request when a filter is inconsistent.</summary>
        protected void ThrowInvalidArgument(ArgumentException ex, object? target) =>
            ThrowTerminatingError(ErrorRecords.Create(ex.Message, ErrorIds.InvalidParameter, ErrorCategory.InvalidArgument, target, inner: ex));
    }
}
