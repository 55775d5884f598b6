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
        /// <summary>
        /// <c>GET resources</c>, filtered by the right in <c>permission</c>, which is always sent (default <c>read</c>); with <c>read</c> the
        /// 2013 reference requires serial numbers, so without any the user's devices are listed first and their serials sent
        /// (docs/design/igtimi-api-2013.md sections 3.2 and 6.2).
        /// </summary>
        public async Task<IReadOnlyList<IgtimiResource>> GetResourcesAsync(IgtimiResourceFilter filter, CancellationToken cancellationToken)
        {
            var request = new IgtimiRequest(HttpMethod.Get, "resources");
            var permission = filter.Permission ?? IgtimiPermission.Read;
            var serials = filter.SerialNumbers;
            if (permission == IgtimiPermission.Read && serials.IsEmpty)
            {
                serials = IgtimiSerialNumbers.From((await GetDevicesAsync(IgtimiSerialNumbers.None, cancellationToken).ConfigureAwait(false))
                    .Where(d => d.Permissions is null || d.Permissions.Read).Select(d => d.SerialNumber));
                if (serials.IsEmpty) return new List<IgtimiResource>();
            }
            request.AddQuery("permission", permission);
            if (filter.Start.HasValue) request.AddQuery("start_time", filter.Start.Value);
            if (filter.End.HasValue) request.AddQuery("end_time", filter.End.Value);
            if (!serials.IsEmpty) request.AddQuery("serial_numbers", serials);
            if (filter.StreamIds.Count > 0) request.AddQuery("stream_ids", filter.StreamIds.ToArray());
            return await ListAsync<IgtimiResource>(request, "resources", "resource", cancellationToken).ConfigureAwait(false);
        }
    }
}
