using System.Management.Automation;
using Igtimi.Client.Api;
using Igtimi.Client.Models;
using IgtimiPS.Base;

namespace IgtimiPS.Cmdlets.Sessions
{
    /// <summary>Creates a session owned by the signed-in user (<c>POST sessions</c>); its name and times stay empty until log entries set them.</summary>
    [Cmdlet(VerbsCommon.New, "IgtimiSession", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(IgtimiSession))]
    public sealed class NewIgtimiSessionCmdlet : IgtimiWriteCmdlet
    {
        protected override void EndProcessing()
        {
            var connection = ResolveConnection();
            if (!ShouldProcess(Target(connection, "a new session with its session group and admin group"), "Create session")) return;
            IgtimiSession? session = null;
            if (RunWrite(connection, async ct => session = await connection.CreateSessionAsync(ct).ConfigureAwait(false),
                    "create a session", "right to create sessions", "sessions"))
                WriteObject(session);
        }
    }
}
