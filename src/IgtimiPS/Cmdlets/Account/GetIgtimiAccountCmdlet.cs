using System.Management.Automation;
using Igtimi.Client.Api;
using Igtimi.Client.Models;
using IgtimiPS.Base;

namespace IgtimiPS.Cmdlets.Account
{
    /// <summary>Reads the account of the signed-in user.</summary>
    [Cmdlet(VerbsCommon.Get, "IgtimiAccount")]
    [OutputType(typeof(IgtimiUser))]
    public sealed class GetIgtimiAccountCmdlet : IgtimiConnectedCmdlet
    {
        protected override void EndProcessing()
        {
            var connection = ResolveConnection();
            RunApiCall(async ct => Emit(await connection.GetAccountAsync(ct).ConfigureAwait(false)), connection.BaseUri);
        }
    }
}
