using System.Management.Automation;
using Igtimi.Client.Api;
using Igtimi.Client.Models;
using IgtimiPS.Arguments;
using IgtimiPS.Base;
using IgtimiPS.Completers;

namespace IgtimiPS.Cmdlets.Groups
{
    /// <summary>Lists the user's groups, or reads groups by id, or the groups piped objects belong to.</summary>
    [Cmdlet(VerbsCommon.Get, "IgtimiGroup", DefaultParameterSetName = IdSet)]
    [OutputType(typeof(IgtimiGroup))]
    public sealed class GetIgtimiGroupCmdlet : IgtimiListCmdlet<IgtimiGroup>
    {
        private const string IdSet = "Id";
        private const string InputObjectSet = "InputObject";

        [Parameter(Position = 0, ParameterSetName = IdSet)]
        [Alias("GroupId")]
        [ValidateRange(1, long.MaxValue)]
        [ArgumentCompleter(typeof(GroupIdCompleter))]
        public long[]? Id { get; set; }

        /// <summary>A group, group id, or an object that names a group: a device (its user group), a session, a data access window.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public PSObject InputObject { get; set; } = null!;

        /// <summary>Also list the hidden system groups every user is in (<c>_public</c>, <c>_members</c>), which are left out by default.</summary>
        [Parameter(ParameterSetName = IdSet)]
        public SwitchParameter IncludeHidden { get; set; }

        protected override void ProcessRecord()
        {
            var ids = ParameterSetName == InputObjectSet ? PipedId(InputObject, PipelineTarget.Group) : Id;
            if (ParameterSetName == InputObjectSet && ids is null) return;
            var connection = ResolveConnection();
            ListOrGetById(connection, ids, async ct => IgtimiGroupFilter.Visible(
                    ObjectListCache.Remember(connection, await connection.GetGroupsAsync(ct).ConfigureAwait(false)), IncludeHidden),
                (id, ct) => connection.GetGroupAsync(id, ct), "groups", "group");
        }
    }
}
