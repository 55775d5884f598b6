using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Http;
using Igtimi.Client.Models;

namespace Igtimi.Client.Dialects.IgtimiCom
{
    internal sealed partial class IgtimiComDialect
    {
        /// <summary><c>GET account</c>: <c>{"user":{…}}</c>, the token's owner.</summary>
        public Task<IgtimiUser> GetAccountAsync(CancellationToken cancellationToken) =>
            SingleAsync<IgtimiUser>(new IgtimiRequest(HttpMethod.Get, "account"), "user", cancellationToken);
    }
}
