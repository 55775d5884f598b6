using System.Management.Automation;
using Igtimi.Client.Api;
using Igtimi.Client.Models;
using IgtimiPS.Base;

namespace IgtimiPS.Cmdlets.Resources
{
    /// <summary>Lists data access windows: who (a user or a group) may read or modify which device's data, and when.</summary>
    [Cmdlet(VerbsCommon.Get, "IgtimiDataAccessWindow")]
    [OutputType(typeof(IgtimiDataAccessWindow))]
    public sealed class GetIgtimiDataAccessWindowCmdlet : TimeWindowCmdlet
    {
        protected override void EndProcessing()
        {
            if (PipelineGaveNoDevice) return;
            var connection = ResolveConnection();
            var filter = Filter<IgtimiTimeWindowFilter>();
            RunApiCall(async ct =>
            {
                foreach (var window in await connection.GetDataAccessWindowsAsync(filter, ct).ConfigureAwait(false)) Emit(window);
            }, "devices/data_access_windows");
        }
    }
}
