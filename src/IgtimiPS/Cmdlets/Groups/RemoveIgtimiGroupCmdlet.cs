using System.Management.Automation;
using Igtimi.Client.Api;
using Igtimi.Client.Models;
using IgtimiPS.Arguments;
using IgtimiPS.Base;
using IgtimiPS.Completers;

namespace IgtimiPS.Cmdlets.Groups
{
    /// <summary>Deletes groups (<c>DELETE groups/{id}</c>); needs the modify right on the group (its administrator).</summary>
    [Cmdlet(VerbsCommon.Remove, "IgtimiGroup", DefaultParameterSetName = IdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(IgtimiGroup))]
    public sealed class RemoveIgtimiGroupCmdlet : IgtimiWriteCmdlet
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

        /// <summary>Writes each deleted group (as piped, or with its id only) to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var ids = ParameterSetName == InputObjectSet ? PipedId(InputObject, PipelineTarget.Group) : Id;
            if (ids is null) return;
            var connection = ResolveConnection();
            var piped = InputObject?.BaseObject as IgtimiGroup;
            foreach (var id in ids)
            {
                var what = piped?.Id == id && !string.IsNullOrEmpty(piped.Name) ? $"group {id} '{piped.Name}'" : $"group {id}";
                if (!ShouldProcess(Target(connection, what), "Delete group (this cannot be undone)")) continue;
                if (RunWrite(connection, ct => connection.DeleteGroupAsync(id, ct), $"delete {what}", "modify right on the group (its administrator)", id)
                    && PassThru)
                    WriteObject(piped?.Id == id ? piped : new IgtimiGroup { Id = id });
            }
        }
    }
}
