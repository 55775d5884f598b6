using System.Management.Automation;
using Igtimi.Client;
using Igtimi.Client.Http;
using Igtimi.Client.Models;
using IgtimiPS.Base;

namespace IgtimiPS.Cmdlets.Groups
{
    /// <summary>Lists the user's groups, or reads groups by id.</summary>
    [Cmdlet(VerbsCommon.Get, "IgtimiGroup")]
    [OutputType(typeof(IgtimiGroup))]
    public sealed class GetIgtimiGroupCmdlet : IgtimiConnectedCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("GroupId", "SessionGroupId", "DeviceUserGroupId")]
        [ValidateRange(1, long.MaxValue)]
        public long[]? Id { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ActiveConnection;
            if (Id is null || Id.Length == 0)
            {
                RunApiCall(async ct =>
                {
                    foreach (var group in await connection.GetGroupsAsync(ct).ConfigureAwait(false)) Emit(group);
                }, "groups");
                return;
            }
            foreach (var id in Id)
            {
                try
                {
                    RunAsync(async ct => Emit(await connection.GetGroupAsync(id, ct).ConfigureAwait(false)));
                }
                catch (IgtimiApiException ex)
                {
                    WriteItemError(ex, id);
                }
            }
        }
    }
}
