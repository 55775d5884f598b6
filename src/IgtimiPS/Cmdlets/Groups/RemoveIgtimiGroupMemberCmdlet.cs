using System.Management.Automation;
using Igtimi.Client.Api;
using Igtimi.Client.Models;
using IgtimiPS.Base;
using IgtimiPS.Completers;

namespace IgtimiPS.Cmdlets.Groups
{
    /// <summary>
    /// Removes users from a group (<c>DELETE groups/{id}/members</c>, the user named by <c>user_id</c>, inferred); needs the
    /// group's modify right. Members piped from Get-IgtimiGroupMember bind by GroupId and UserId.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "IgtimiGroupMember", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(IgtimiGroupMember))]
    public sealed class RemoveIgtimiGroupMemberCmdlet : IgtimiWriteCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, long.MaxValue)]
        [ArgumentCompleter(typeof(GroupIdCompleter))]
        public long GroupId { get; set; }

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, long.MaxValue)]
        [ArgumentCompleter(typeof(UserIdCompleter))]
        public long[] UserId { get; set; } = null!;

        /// <summary>Writes each removed member to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            foreach (var userId in UserId)
            {
                if (!ShouldProcess(Target(connection, $"group {GroupId}: remove member {userId}"), "Remove group member")) continue;
                if (RunWrite(connection, ct => connection.RemoveGroupMemberAsync(GroupId, userId, ct), $"remove user {userId} from group {GroupId}",
                        "modify right on the group (its administrator)", userId) && PassThru)
                    WriteObject(new IgtimiGroupMember { GroupId = GroupId, User = new IgtimiUser { Id = userId } });
            }
        }
    }
}
