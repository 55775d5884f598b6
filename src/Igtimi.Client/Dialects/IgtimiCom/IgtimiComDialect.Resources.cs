using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Api;
using Igtimi.Client.Http;
using Igtimi.Client.Models;

namespace Igtimi.Client.Dialects.IgtimiCom
{
    internal sealed partial class IgtimiComDialect
    {
        /// <summary><c>GET resources</c>, filtered by the right in <c>permission</c>.</summary>
        public Task<IReadOnlyList<IgtimiResource>> GetResourcesAsync(IgtimiResourceFilter filter, CancellationToken cancellationToken)
        {
            var request = new IgtimiRequest(HttpMethod.Get, "resources");
            AddWindow(request, filter, "permission");
            if (filter.StreamIds.Count > 0) request.AddQuery("stream_ids", filter.StreamIds.ToArray());
            return ListAsync<IgtimiResource>(request, "resources", "resource", cancellationToken);
        }
    }
}
