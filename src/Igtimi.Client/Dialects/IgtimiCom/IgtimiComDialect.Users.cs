using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Http;
using Igtimi.Client.Models;

namespace Igtimi.Client.Dialects.IgtimiCom
{
    internal sealed partial class IgtimiComDialect
    {
        public Task<IReadOnlyList<IgtimiUser>> GetUsersAsync(CancellationToken cancellationToken) =>
            ListAsync<IgtimiUser>(new IgtimiRequest(HttpMethod.Get, "users"), "users", "user", cancellationToken);

        public Task<IgtimiUser> GetUserAsync(long id, CancellationToken cancellationToken) =>
            SingleAsync<IgtimiUser>(new IgtimiRequest(HttpMethod.Get, "users/" + Id(id)), "user", cancellationToken);
    }
}
