using System.Management.Automation;
using Igtimi.Client.Api;
using Igtimi.Client.Http;
using Igtimi.Client.Models;
using IgtimiPS.Arguments;
using IgtimiPS.Base;
using IgtimiPS.Completers;

namespace IgtimiPS.Cmdlets.Groups
{
    /// <summary>Lists the members of groups (<c>GET groups/{id}/members</c>); each member says whether its group is public.</summary>
    [Cmdlet(VerbsCommon.Get, "IgtimiGroupMember", DefaultParameterSetName = IdSet)]
    [OutputType(typeof(IgtimiGroupMember))]
    public sealed class GetIgtimiGroupMemberCmdlet : IgtimiConnectedCmdlet
    {
        private const string IdSet = "Id";
        private const string InputObjectSet = "InputObject";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
        [Alias("Id")]
        [ValidateRange(1, long.MaxValue)]
        [ArgumentCompleter(typeof(GroupIdCompleter))]
        public long[] GroupId { get; set; } = null!;

        /// <summary>A group or group id, or an object that names a group (a device, a session).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public PSObject InputObject { get; set; } = null!;

        protected override void ProcessRecord()
        {
            var ids = ParameterSetName == InputObjectSet ? PipedId(InputObject, PipelineTarget.Group) : GroupId;
            if (ids is null) return;
            var connection = ResolveConnection();
            foreach (var id in ids)
            {
                try
                {
                    RunAsync(async ct =>
                    {
                        foreach (var member in (await connection.GetGroupMembersAsync(id, ct).ConfigureAwait(false)).Members) Emit(member);
                    });
                }
                catch (IgtimiApiException ex)
                {
                    WriteError(ItemError(connection, ex, $"the members of group {id}", id));
                }
            }
        }
    }
}
