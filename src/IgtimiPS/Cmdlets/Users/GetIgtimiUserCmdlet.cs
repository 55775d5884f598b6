using System.Management.Automation;
using Igtimi.Client.Api;
using Igtimi.Client.Models;
using IgtimiPS.Arguments;
using IgtimiPS.Base;
using IgtimiPS.Completers;

namespace IgtimiPS.Cmdlets.Users
{
    /// <summary>Lists the users the API shows, or reads users by id, or the users piped objects name (a device's or session's owner).</summary>
    [Cmdlet(VerbsCommon.Get, "IgtimiUser", DefaultParameterSetName = IdSet)]
    [OutputType(typeof(IgtimiUser))]
    public sealed class GetIgtimiUserCmdlet : IgtimiListCmdlet<IgtimiUser>
    {
        private const string IdSet = "Id";
        private const string InputObjectSet = "InputObject";

        [Parameter(Position = 0, ParameterSetName = IdSet)]
        [Alias("UserId")]
        [ValidateRange(1, long.MaxValue)]
        [ArgumentCompleter(typeof(UserIdCompleter))]
        public long[]? Id { get; set; }

        /// <summary>A user, user id, or an object that names a user: a device or session (its owner), a data access window, a connection.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public PSObject InputObject { get; set; } = null!;

        protected override void ProcessRecord()
        {
            var ids = ParameterSetName == InputObjectSet ? PipedId(InputObject, PipelineTarget.User) : Id;
            if (ParameterSetName == InputObjectSet && ids is null) return;
            var connection = ResolveConnection();
            ListOrGetById(connection, ids, async ct => ObjectListCache.Remember(connection, await connection.GetUsersAsync(ct).ConfigureAwait(false)),
                (id, ct) => connection.GetUserAsync(id, ct), "users", "user");
        }
    }
}
