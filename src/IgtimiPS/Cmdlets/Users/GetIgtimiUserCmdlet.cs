using System.Management.Automation;
using Igtimi.Client.Api;
using Igtimi.Client.Models;
using IgtimiPS.Base;

namespace IgtimiPS.Cmdlets.Users
{
    /// <summary>Lists the users the API shows, or reads users by id.</summary>
    [Cmdlet(VerbsCommon.Get, "IgtimiUser")]
    [OutputType(typeof(IgtimiUser))]
    public sealed class GetIgtimiUserCmdlet : IgtimiListCmdlet<IgtimiUser>
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId", "OwnerId")]
        [ValidateRange(1, long.MaxValue)]
        public long[]? Id { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            ListOrGetById(connection, Id, connection.GetUsersAsync, (id, ct) => connection.GetUserAsync(id, ct), "users", "user");
        }
    }
}
