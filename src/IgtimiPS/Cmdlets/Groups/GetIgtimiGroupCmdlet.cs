using System.Management.Automation;
using Igtimi.Client.Api;
using Igtimi.Client.Models;
using IgtimiPS.Base;

namespace IgtimiPS.Cmdlets.Groups
{
    /// <summary>Lists the user's groups, or reads groups by id.</summary>
    [Cmdlet(VerbsCommon.Get, "IgtimiGroup")]
    [OutputType(typeof(IgtimiGroup))]
    public sealed class GetIgtimiGroupCmdlet : IgtimiListCmdlet<IgtimiGroup>
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("GroupId", "SessionGroupId", "DeviceUserGroupId")]
        [ValidateRange(1, long.MaxValue)]
        public long[]? Id { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            ListOrGetById(connection, Id, connection.GetGroupsAsync, (id, ct) => connection.GetGroupAsync(id, ct), "groups", "group");
        }
    }
}
