using System.Management.Automation;
using Igtimi.Client.Api;
using Igtimi.Client.Models;
using IgtimiPS.Base;

namespace IgtimiPS.Cmdlets.Sessions
{
    /// <summary>Lists sessions (races) the user may read, or reads sessions by id.</summary>
    [Cmdlet(VerbsCommon.Get, "IgtimiSession", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(IgtimiSession))]
    public sealed class GetIgtimiSessionCmdlet : IgtimiListCmdlet<IgtimiSession>
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("SessionId")]
        [ValidateRange(1, long.MaxValue)]
        public long[] Id { get; set; } = null!;

        /// <summary>Only public sessions.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter Public { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, int.MaxValue)]
        public int Limit { get; set; }

        /// <summary>Also sessions that have not ended yet.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter IncludeIncomplete { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            var filter = new IgtimiSessionFilter
            {
                Public = Public.IsPresent ? true : (bool?)null,
                Limit = MyInvocation.BoundParameters.ContainsKey(nameof(Limit)) ? Limit : (int?)null,
                IncludeIncomplete = IncludeIncomplete.IsPresent,
            };
            ListOrGetById(connection, ParameterSetName == IdSet ? Id : null, ct => connection.GetSessionsAsync(filter, ct),
                (id, ct) => connection.GetSessionAsync(id, ct), "sessions", "session");
        }
    }
}
