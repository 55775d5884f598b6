using System.Management.Automation;
using Igtimi.Client.Api;
using Igtimi.Client.Http;
using Igtimi.Client.Models;
using IgtimiPS.Arguments;
using IgtimiPS.Base;
using IgtimiPS.Completers;

namespace IgtimiPS.Cmdlets.Sessions
{
    /// <summary>Reads a session's log: device links, race objects with positions, wind and course metadata.</summary>
    [Cmdlet(VerbsCommon.Get, "IgtimiSessionLog", DefaultParameterSetName = IdSet)]
    [OutputType(typeof(IgtimiSessionLogEntry))]
    public sealed class GetIgtimiSessionLogCmdlet : IgtimiConnectedCmdlet
    {
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

        /// <summary>Only entries of these kinds.</summary>
        [Parameter]
        public IgtimiLogEntryKind[]? Kind { get; set; }

        /// <summary>Only the entries created since this time (the API's <c>start_time</c>), for polling a running session.</summary>
        [Parameter]
        [Alias("StartTime")]
        public System.DateTimeOffset? Since { get; set; }

        protected override void ProcessRecord()
        {
            var ids = ParameterSetName == InputObjectSet ? PipedId(InputObject, PipelineTarget.Session) : SessionId;
            if (ids is null) return;
            var connection = ResolveConnection();
            foreach (var id in ids)
            {
                try
                {
                    RunAsync(async ct =>
                    {
                        foreach (var entry in await connection.GetSessionLogAsync(id, ct, Since).ConfigureAwait(false))
                            if (Kind is null || System.Array.IndexOf(Kind, entry.Kind) >= 0) Emit(entry);
                    });
                }
                catch (IgtimiApiException ex)
                {
                    WriteError(ItemError(connection, ex, $"session {id}", id));
                }
            }
        }
    }
}
