using System.Management.Automation;
using System.Net;
using Igtimi.Client;
using Igtimi.Client.Http;
using Igtimi.Client.Models;
using IgtimiPS.Base;

namespace IgtimiPS.Cmdlets.Sessions
{
    /// <summary>Lists sessions (races) the user may read, or reads sessions by id.</summary>
    [Cmdlet(VerbsCommon.Get, "IgtimiSession", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(IgtimiSession))]
    public sealed class GetIgtimiSessionCmdlet : IgtimiConnectedCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("SessionId")]
        [ValidateRange(1, long.MaxValue)]
        public long[] Id { get; set; } = null!;

        /// <summary>Only public sessions.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter Public { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, int.MaxValue)]
        public int Limit { get; set; }

        /// <summary>Also sessions that have not ended yet.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter IncludeIncomplete { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ActiveConnection;
            if (ParameterSetName == ListSet)
            {
                var filter = new IgtimiSessionFilter
                {
                    Public = Public.IsPresent ? true : (bool?)null,
                    Limit = MyInvocation.BoundParameters.ContainsKey(nameof(Limit)) ? Limit : (int?)null,
                    IncludeIncomplete = IncludeIncomplete.IsPresent,
                };
                RunApiCall(async ct =>
                {
                    foreach (var session in await connection.GetSessionsAsync(filter, ct).ConfigureAwait(false)) Emit(session);
                }, "sessions");
                return;
            }
            foreach (var id in Id)
            {
                try
                {
                    RunAsync(async ct => Emit(await connection.GetSessionAsync(id, ct).ConfigureAwait(false)));
                }
                catch (IgtimiApiException ex)
                {
                    WriteError(SessionError(this, ex, id, connection));
                }
            }
        }

        /// <summary>
        /// igtimi.com answered 401 for a session the token may not read. When the account still reads,
        /// the token is fine and it is a refusal for this session; otherwise the token itself failed.
        /// </summary>
        internal static ErrorRecord SessionError(IgtimiConnectedCmdlet cmdlet, IgtimiApiException ex, long id, IgtimiConnection connection)
        {
            if (ex.StatusCode == HttpStatusCode.Unauthorized && !cmdlet.TokenStillWorks(connection))
                return ErrorRecords.FromApiException(ex, null, id);
            if (ex.StatusCode != HttpStatusCode.Unauthorized && ex.StatusCode != HttpStatusCode.Forbidden)
                return ErrorRecords.FromApiException(ex, null, id);
            return ErrorRecords.Create($"{connection.User.Email ?? "This user"} may not read session {id} ({(int)ex.StatusCode!.Value} from the server).",
                ErrorIds.AccessDenied, ErrorCategory.PermissionDenied, id,
                "Ask the session's owner to share it with you or one of your groups.", ex);
        }
    }
}
