using System;
using System.Management.Automation;
using Igtimi.Client.Api;
using Igtimi.Client.Models;
using IgtimiPS.Base;

namespace IgtimiPS.Cmdlets.Resources
{
    /// <summary>Lists the stored data chunks (resources) of devices: per device and time span, with their data types.</summary>
    [Cmdlet(VerbsCommon.Get, "IgtimiResource")]
    [OutputType(typeof(IgtimiResource))]
    public sealed class GetIgtimiResourceCmdlet : TimeWindowCmdlet
    {
        [Parameter]
        [ValidateRange(1, long.MaxValue)]
        public long[]? StreamId { get; set; }

        protected override void EndProcessing()
        {
            if (PipelineGaveNoDevice) return;
            var connection = ResolveConnection();
            var filter = Filter<IgtimiResourceFilter>();
            filter.StreamIds = StreamId ?? Array.Empty<long>();
            RunApiCall(async ct =>
            {
                foreach (var resource in await connection.GetResourcesAsync(filter, ct).ConfigureAwait(false)) Emit(resource);
            }, "resources");
        }
    }
}
