using System.Linq;
using System.Management.Automation;
using Igtimi.Client.Api;
using Igtimi.Client.Models;
using IgtimiPS.Arguments;
using IgtimiPS.Base;
using IgtimiPS.Completers;

namespace IgtimiPS.Cmdlets.Groups
{
    /// <summary>Adds users to a group (<c>POST groups/{id}/members</c>, parameter <c>user_id</c> inferred); needs the group's modify right.</summary>
    [Cmdlet(VerbsCommon.Add, "IgtimiGroupMember", DefaultParameterSetName = IdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(IgtimiGroupMember))]
    public sealed class AddIgtimiGroupMemberCmdlet : IgtimiWriteCmdlet
    {
        private const string IdSet = "Id";
        private const string InputObjectSet = "InputObject";

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateRange(1, long.MaxValue)]
        [ArgumentCompleter(typeof(GroupIdCompleter))]
        public long GroupId { get; set; }

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = IdSet)]
        [ValidateRange(1, long.MaxValue)]
        [ArgumentCompleter(typeof(UserIdCompleter))]
        public long[] UserId { get; set; } = null!;

        /// <summary>A user or user id (a member of another group names its user too).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public PSObject InputObject { get; set; } = null!;

        /// <summary>Writes each added member, read back from the group's member list.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var ids = ParameterSetName == InputObjectSet ? PipedId(InputObject, PipelineTarget.User) : UserId;
            if (ids is null) return;
            var connection = ResolveConnection();
            foreach (var userId in ids)
            {
                if (!ShouldProcess(Target(connection, $"group {GroupId}: add user {userId} as a member"), "Add group member")) continue;
                if (!RunWrite(connection, ct => connection.AddGroupMemberAsync(GroupId, userId, ct), $"add user {userId} to group {GroupId}",
                        "modify right on the group (its administrator)", userId) || !PassThru) continue;
                RunWrite(connection, async ct =>
                {
                    var members = await connection.GetGroupMembersAsync(GroupId, ct).ConfigureAwait(false);
                    foreach (var member in members.Members.Where(m => m.UserId == userId)) Emit(member);
                }, $"read the members of group {GroupId}", "read right on the group", userId);
            }
        }
    }
}
