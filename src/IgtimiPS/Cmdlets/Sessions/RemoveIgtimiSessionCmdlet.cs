using System.Management.Automation;
using Igtimi.Client.Api;
using Igtimi.Client.Models;
using IgtimiPS.Arguments;
using IgtimiPS.Base;
using IgtimiPS.Completers;

namespace IgtimiPS.Cmdlets.Sessions
{
    /// <summary>Deletes sessions (<c>DELETE sessions/{id}</c>); needs the modify right: the owner or a member of the session's admin group.</summary>
    [Cmdlet(VerbsCommon.Remove, "IgtimiSession", DefaultParameterSetName = IdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(IgtimiSession))]
    public sealed class RemoveIgtimiSessionCmdlet : IgtimiWriteCmdlet
    {
        private const string IdSet = "Id";
        private const string InputObjectSet = "InputObject";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
        [Alias("SessionId")]
        [ValidateRange(1, long.MaxValue)]
        [ArgumentCompleter(typeof(SessionIdCompleter))]
        public long[] Id { get; set; } = null!;

        /// <summary>A session or session id (a log entry names its session too).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public PSObject InputObject { get; set; } = null!;

        /// <summary>Writes each deleted session (as piped, or with its id only) to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var ids = ParameterSetName == InputObjectSet ? PipedId(InputObject, PipelineTarget.Session) : Id;
            if (ids is null) return;
            var connection = ResolveConnection();
            var piped = InputObject?.BaseObject as IgtimiSession;
            foreach (var id in ids)
            {
                var what = piped?.Id == id && !string.IsNullOrEmpty(piped.Name) ? $"session {id} '{piped.Name}'" : $"session {id}";
                if (!ShouldProcess(Target(connection, what), "Delete session (this cannot be undone)")) continue;
                if (RunWrite(connection, ct => connection.DeleteSessionAsync(id, ct), $"delete {what}",
                        "modify right on the session (its owner or a member of its admin group)", id) && PassThru)
                    WriteObject(piped?.Id == id ? piped : new IgtimiSession { Id = id });
            }
        }
    }
}
