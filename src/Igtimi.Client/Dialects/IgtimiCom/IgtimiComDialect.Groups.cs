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
        public Task<IReadOnlyList<IgtimiGroup>> GetGroupsAsync(CancellationToken cancellationToken) =>
            ListAsync<IgtimiGroup>(new IgtimiRequest(HttpMethod.Get, "groups"), "groups", "group", cancellationToken);

        public Task<IgtimiGroup> GetGroupAsync(long id, CancellationToken cancellationToken) =>
            SingleAsync<IgtimiGroup>(new IgtimiRequest(HttpMethod.Get, "groups/" + Id(id)), "group", cancellationToken);
    }
}
