using System.Management.Automation;
using Igtimi.Client;
using IgtimiPS.Base;

namespace IgtimiPS.Cmdlets.Connection
{
    /// <summary>Shows the current connection, or every open one.</summary>
    [Cmdlet(VerbsCommon.Get, "IgtimiConnection")]
    [OutputType(typeof(IgtimiConnection))]
    public sealed class GetIgtimiConnectionCmdlet : IgtimiCmdlet
    {
        [Parameter]
        public SwitchParameter All { get; set; }

        protected override void EndProcessing()
        {
            if (All)
            {
                foreach (var connection in IgtimiSessionState.All) WriteObject(connection);
                return;
            }
            var current = IgtimiSessionState.Current;
            if (current != null) WriteObject(current);
        }
    }
}
