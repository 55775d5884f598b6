using System.Management.Automation;
using Igtimi.Client;
using IgtimiPS.Base;
using IgtimiPS.Connections;

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
                foreach (var connection in IgtimiConnectionRegistry.All) WriteObject(connection);
                return;
            }
            var current = IgtimiConnectionRegistry.Current;
            if (current != null) WriteObject(current);
        }
    }
}
