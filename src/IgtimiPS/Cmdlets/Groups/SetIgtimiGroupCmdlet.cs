using System.Management.Automation;
using Igtimi.Client.Api;
using Igtimi.Client.Models;
using IgtimiPS.Arguments;
using IgtimiPS.Base;
using IgtimiPS.Completers;

namespace IgtimiPS.Cmdlets.Groups
{
    /// <summary>
    /// Makes groups public or private (<c>POST groups/{id}/make_public</c> or <c>make_private</c>). One Set- cmdlet with a
    /// state parameter, not a pair of verbs: Publish-/Unpublish- mean putting something out, not a visibility flag, and
    /// -Public:$true / -Public:$false states the outcome, the same whatever the group was before.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "IgtimiGroup", DefaultParameterSetName = IdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(IgtimiGroup))]
    public sealed class SetIgtimiGroupCmdlet : IgtimiWriteCmdlet
    {
        private const string IdSet = "Id";
        private const string InputObjectSet = "InputObject";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
        [Alias("GroupId")]
        [ValidateRange(1, long.MaxValue)]
        [ArgumentCompleter(typeof(GroupIdCompleter))]
        public long[] Id { get; set; } = null!;

        /// <summary>A group or group id.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public PSObject InputObject { get; set; } = null!;

        /// <summary>$true: anyone may read the group and its members; $false: only its members and administrator.</summary>
        [Parameter(Mandatory = true)]
        public bool Public { get; set; }

        /// <summary>Writes each changed group, read back from the server.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var ids = ParameterSetName == InputObjectSet ? PipedId(InputObject, PipelineTarget.Group) : Id;
            if (ids is null) return;
            var connection = ResolveConnection();
            var state = Public ? "public" : "private";
            foreach (var id in ids)
            {
                if (!ShouldProcess(Target(connection, $"group {id}: make it {state}"), $"Make group {state}")) continue;
                if (!RunWrite(connection, ct => connection.SetGroupPublicAsync(id, Public, ct), $"make group {id} {state}",
                        "modify right on the group (its administrator)", id) || !PassThru) continue;
                RunWrite(connection, async ct => Emit(await connection.GetGroupAsync(id, ct).ConfigureAwait(false)),
                    $"read group {id}", "read right on the group", id);
            }
        }
    }
}
