using System.Management.Automation;
using Igtimi.Client.Api;
using Igtimi.Client.Http;
using Igtimi.Client.Models;
using IgtimiPS.Base;

namespace IgtimiPS.Cmdlets.Sessions
{
    /// <summary>Reads a session's log: device links, race objects with positions, wind and course metadata.</summary>
    [Cmdlet(VerbsCommon.Get, "IgtimiSessionLog")]
    [OutputType(typeof(IgtimiSessionLogEntry))]
    public sealed class GetIgtimiSessionLogCmdlet : IgtimiConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateRange(1, long.MaxValue)]
        public long[] SessionId { get; set; } = null!;

        /// <summary>Only entries of these kinds.</summary>
        [Parameter]
        public IgtimiLogEntryKind[]? Kind { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            foreach (var id in SessionId)
            {
                try
                {
                    RunAsync(async ct =>
                    {
                        foreach (var entry in await connection.GetSessionLogAsync(id, ct).ConfigureAwait(false))
                            if (Kind is null || System.Array.IndexOf(Kind, entry.Kind) >= 0) Emit(entry);
                    });
                }
                catch (IgtimiApiException ex)
                {
                    WriteError(ItemError(connection, ex, $"session {id}", id));
                }
            }
        }
    }
}
