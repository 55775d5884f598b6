using System.Collections.Generic;
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
        /// <summary><c>GET devices</c>; a serial filter goes as POST + <c>_method=GET</c>, as the real clients sent it.</summary>
        public Task<IReadOnlyList<IgtimiDevice>> GetDevicesAsync(IgtimiSerialNumbers serialNumbers, CancellationToken cancellationToken)
        {
            var request = new IgtimiRequest(HttpMethod.Get, "devices");
            if (!serialNumbers.IsEmpty)
            {
                request.ForceMethodOverride = true;
                request.AddQuery("serial_numbers", serialNumbers);
            }
            return ListAsync<IgtimiDevice>(request, "devices", "device", cancellationToken);
        }

        /// <summary>
        /// <c>GET devices/data_access_windows</c>, filtered by the right in <c>type</c>, which is always sent (default <c>read</c>): the 2013
        /// reference does not mark it optional (docs/design/igtimi-api-2013.md section 6.2).
        /// </summary>
        public Task<IReadOnlyList<IgtimiDataAccessWindow>> GetDataAccessWindowsAsync(IgtimiTimeWindowFilter filter, CancellationToken cancellationToken)
        {
            var request = new IgtimiRequest(HttpMethod.Get, "devices/data_access_windows");
            if (!filter.Permission.HasValue) request.AddQuery("type", IgtimiPermission.Read);
            AddWindow(request, filter, "type");
            return ListAsync<IgtimiDataAccessWindow>(request, "data_access_windows", "data_access_window", cancellationToken);
        }
    }
}
