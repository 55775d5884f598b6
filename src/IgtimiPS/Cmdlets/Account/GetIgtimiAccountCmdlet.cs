using System.Management.Automation;
using Igtimi.Client.Http;
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
            var connection = ActiveConnection;
            try
            {
                RunAsync(async ct => Emit(await connection.GetAccountAsync(ct).ConfigureAwait(false)));
            }
            catch (IgtimiApiException ex)
            {
                ThrowTerminatingError(ErrorRecords.FromApiException(ex, null, connection.BaseUri));
            }
        }
    }
}
