using System;
using System.Collections.Generic;
using System.Management.Automation;
using Igtimi.Client;
using Igtimi.Client.Api;
using Igtimi.Client.Http;
using Igtimi.Client.Models;
using Igtimi.Client.Races;
using IgtimiPS.Arguments;
using IgtimiPS.Base;
using IgtimiPS.Completers;
using IgtimiPS.Errors;

namespace IgtimiPS.Cmdlets.Races
{
    /// <summary>
    /// Builds races from sessions and their logs: the window, the boats (serial, name, sail number, crew), the marks,
    /// the course direction, the wind sensors and the race officer's wind. What a log lacks is a warning, never a guess.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "IgtimiRace", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(IgtimiRace))]
    public sealed class GetIgtimiRaceCmdlet : IgtimiConnectedCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";
        private const string InputObjectSet = "InputObject";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
        [Alias("Id")]
        [ValidateRange(1, long.MaxValue)]
        [ArgumentCompleter(typeof(SessionIdCompleter))]
        public long[] SessionId { get; set; } = null!;

        /// <summary>A session, session id or session log entry.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public PSObject InputObject { get; set; } = null!;

        /// <summary>Only sessions whose name matches one of these (wildcards allowed).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? Name { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            if (ParameterSetName == ListSet)
            {
                IReadOnlyList<IgtimiSession> sessions = Array.Empty<IgtimiSession>();
                RunApiCall(async ct => sessions = await connection.GetSessionsAsync(new IgtimiSessionFilter(), ct).ConfigureAwait(false), "sessions");
                var names = new NameFilter(Name);
                foreach (var session in sessions)
                    if (names.Matches(session.Name)) Race(connection, session, session.Id ?? 0);
                foreach (var missing in names.Unmatched)
                {
                    WriteError(ErrorRecords.Create($"No ended session named '{missing}' is visible to {connection.User.Email ?? "this user"}.",
                        ErrorIds.NotFound, ErrorCategory.ObjectNotFound, missing,
                        "Check the name (wildcards such as '*Race 3' are allowed); Get-IgtimiSession -IncludeIncomplete lists sessions still running."));
                }
                return;
            }
            var ids = ParameterSetName == InputObjectSet ? PipedId(InputObject, PipelineTarget.Session) : SessionId;
            if (ids is null) return;
            foreach (var id in ids)
            {
                IgtimiSession? session = null;
                try
                {
                    RunAsync(async ct => session = await connection.GetSessionAsync(id, ct).ConfigureAwait(false));
                }
                catch (IgtimiApiException ex)
                {
                    WriteError(ItemError(connection, ex, $"session {id}", id));
                    continue;
                }
                Race(connection, session!, id);
            }
        }

        private void Race(IgtimiConnection connection, IgtimiSession session, long id)
        {
            IReadOnlyList<IgtimiSessionLogEntry> log = Array.Empty<IgtimiSessionLogEntry>();
            try
            {
                RunAsync(async ct => log = await connection.GetSessionLogAsync(id, ct).ConfigureAwait(false));
            }
            catch (IgtimiApiException ex)
            {
                WriteError(ItemError(connection, ex, $"the log of session {id}", id));
                return;
            }
            try
            {
                WriteObject(IgtimiRaceBuilder.Build(session, log, WriteWarning));
            }
            catch (ArgumentException ex)
            {
                WriteError(ErrorRecords.Create(ex.Message, ErrorIds.InvalidInput, ErrorCategory.InvalidOperation, session,
                    "A race needs a session that has ended; for a window of your own, use New-IgtimiRace -Start -End -SerialNumber.", ex));
            }
        }
    }
}
