using System.Management.Automation;
using Igtimi.Client;
using Igtimi.Client.Http;
using Igtimi.Client.Models;
using IgtimiPS.Base;

namespace IgtimiPS.Cmdlets.Users
{
    /// <summary>Lists the users the API shows, or reads users by id.</summary>
    [Cmdlet(VerbsCommon.Get, "IgtimiUser")]
    [OutputType(typeof(IgtimiUser))]
    public sealed class GetIgtimiUserCmdlet : IgtimiConnectedCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId", "OwnerId")]
        [ValidateRange(1, long.MaxValue)]
        public long[]? Id { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ActiveConnection;
            if (Id is null || Id.Length == 0)
            {
                RunApiCall(async ct =>
                {
                    foreach (var user in await connection.GetUsersAsync(ct).ConfigureAwait(false)) Emit(user);
                }, "users");
                return;
            }
            foreach (var id in Id)
            {
                try
                {
                    RunAsync(async ct => Emit(await connection.GetUserAsync(id, ct).ConfigureAwait(false)));
                }
                catch (IgtimiApiException ex)
                {
                    WriteItemError(ex, id);
                }
            }
        }
    }
}
