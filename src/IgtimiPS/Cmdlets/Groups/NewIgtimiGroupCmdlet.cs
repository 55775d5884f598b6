using System.Management.Automation;
using Igtimi.Client.Api;
using Igtimi.Client.Models;
using IgtimiPS.Base;

namespace IgtimiPS.Cmdlets.Groups
{
    /// <summary>Creates a group the signed-in user administers (<c>POST groups</c>); the server answers its name and id only.</summary>
    [Cmdlet(VerbsCommon.New, "IgtimiGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(IgtimiGroup))]
    public sealed class NewIgtimiGroupCmdlet : IgtimiWriteCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = null!;

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            foreach (var name in Name)
            {
                if (!ShouldProcess(Target(connection, $"a new group '{name}'"), "Create group")) continue;
                IgtimiGroup? group = null;
                if (RunWrite(connection, async ct => group = await connection.CreateGroupAsync(name, ct).ConfigureAwait(false),
                        $"create the group '{name}'", "right to create groups", name))
                    WriteObject(group);
            }
        }
    }
}
