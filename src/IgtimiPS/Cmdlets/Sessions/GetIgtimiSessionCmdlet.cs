using System;
using System.Collections.Generic;
using System.Management.Automation;
using Igtimi.Client.Api;
using Igtimi.Client.Models;
using IgtimiPS.Arguments;
using IgtimiPS.Base;
using IgtimiPS.Completers;
using IgtimiPS.Errors;

namespace IgtimiPS.Cmdlets.Sessions
{
    /// <summary>Lists sessions (races) the user may read, by name if asked, or reads sessions by id or from piped sessions and log entries.</summary>
    [Cmdlet(VerbsCommon.Get, "IgtimiSession", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(IgtimiSession))]
    public sealed class GetIgtimiSessionCmdlet : IgtimiListCmdlet<IgtimiSession>
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";
        private const string InputObjectSet = "InputObject";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
        [Alias("SessionId")]
        [ValidateRange(1, long.MaxValue)]
        [ArgumentCompleter(typeof(SessionIdCompleter))]
        public long[] Id { get; set; } = null!;

        /// <summary>A session, session id or session log entry.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public PSObject InputObject { get; set; } = null!;

        /// <summary>Only sessions whose name matches one of these (wildcards allowed); the server has no name filter, so the module filters.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? Name { get; set; }

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
            if (ParameterSetName == InputObjectSet)
            {
                var piped = PipedId(InputObject, PipelineTarget.Session);
                if (piped is null) return;
                var pipedConnection = ResolveConnection();
                GetById(pipedConnection, piped, (id, ct) => pipedConnection.GetSessionAsync(id, ct), "session");
                return;
            }
            var connection = ResolveConnection();
            if (ParameterSetName == IdSet)
            {
                GetById(connection, Id, (id, ct) => connection.GetSessionAsync(id, ct), "session");
                return;
            }
            var filter = new IgtimiSessionFilter
            {
                Public = Public.IsPresent ? true : (bool?)null,
                Limit = MyInvocation.BoundParameters.ContainsKey(nameof(Limit)) ? Limit : (int?)null,
                IncludeIncomplete = IncludeIncomplete.IsPresent,
            };
            var byDefault = !Public.IsPresent && filter.Limit is null && !IncludeIncomplete.IsPresent;
            IReadOnlyList<IgtimiSession> sessions = Array.Empty<IgtimiSession>();
            RunApiCall(async ct => sessions = await connection.GetSessionsAsync(filter, ct).ConfigureAwait(false), "sessions");
            if (byDefault) ObjectListCache.Remember(connection, sessions);
            var names = new NameFilter(Name);
            foreach (var session in sessions)
                if (names.Matches(session.Name)) WriteObject(session);
            foreach (var missing in names.Unmatched)
            {
                WriteError(ErrorRecords.Create($"No session named '{missing}' is visible to {connection.User.Email ?? "this user"}.",
                    ErrorIds.NotFound, ErrorCategory.ObjectNotFound, missing,
                    "Check the name (wildcards such as 'Race*' are allowed); -IncludeIncomplete adds sessions that have not ended yet."));
            }
        }
    }
}
