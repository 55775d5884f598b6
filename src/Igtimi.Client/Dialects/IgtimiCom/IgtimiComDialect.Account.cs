using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Auth;
using Igtimi.Client.Http;
using Igtimi.Client.Models;

namespace Igtimi.Client.Dialects.IgtimiCom
{
    internal sealed partial class IgtimiComDialect
    {
        /// <summary>Every grant is OAuth2 here (docs/design/igtimi-api.md section 2), or a token the user already has.</summary>
        public async Task<string?> SignInAsync(IgtimiGrant grant, CancellationToken cancellationToken) =>
            await grant.AcquireTokenAsync(_http, cancellationToken).ConfigureAwait(false);

        /// <summary><c>GET account</c>: <c>{"user":{…}}</c>, the token's owner.</summary>
        public Task<IgtimiUser> GetAccountAsync(CancellationToken cancellationToken) =>
            SingleAsync<IgtimiUser>(new IgtimiRequest(HttpMethod.Get, "account"), "user", cancellationToken);
    }
}
