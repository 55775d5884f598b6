using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Api;
using Igtimi.Client.Http;
using Igtimi.Client.Json;
using Igtimi.Client.Models;

namespace Igtimi.Client.Dialects.Sap
{
    internal sealed partial class SapDialect
    {
        /// <summary><c>GET devices</c>: every device the caller may read, items unwrapped; the server has no serial filter, so it is applied here.</summary>
        public async Task<IReadOnlyList<IgtimiDevice>> GetDevicesAsync(IgtimiSerialNumbers serialNumbers, CancellationToken cancellationToken)
        {
            using var response = await _http.SendAsync(Get("devices"), cancellationToken).ConfigureAwait(false);
            var devices = await ApiJson.ReadListAsync<IgtimiDevice>(response, "devices", "device", cancellationToken).ConfigureAwait(false);
            return serialNumbers.IsEmpty ? devices : devices.Where(d => serialNumbers.Contains(d.SerialNumber)).ToList();
        }

        /// <summary>
        /// <c>GET data_access_windows</c> (no <c>devices/</c> prefix): integer-ms or null times, no rights
        /// or recipients; a long serial list goes over several requests.
        /// </summary>
        public async Task<IReadOnlyList<IgtimiDataAccessWindow>> GetDataAccessWindowsAsync(IgtimiTimeWindowFilter filter, CancellationToken cancellationToken)
        {
            if (filter.Permission.HasValue)
                IgtimiTrace.Warning("SAP's server keeps no read or modify rights on data access windows; the permission filter is not applied.");
            var windows = new List<IgtimiDataAccessWindow>();
            var seen = new HashSet<long>();
            foreach (var batch in filter.SerialNumbers.IsEmpty ? new[] { IgtimiSerialNumbers.None } : Batches(filter.SerialNumbers, 80))
            {
                var request = Get("data_access_windows");
                if (filter.Start.HasValue) request.AddQuery("start_time", filter.Start.Value);
                if (filter.End.HasValue) request.AddQuery("end_time", filter.End.Value);
                if (!batch.IsEmpty) request.AddQuery("serial_numbers", batch);
                using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                foreach (var window in await ApiJson.ReadListAsync<IgtimiDataAccessWindow>(response, "data_access_windows", "data_access_window", cancellationToken)
                             .ConfigureAwait(false))
                {
                    if (window.Id is null || seen.Add(window.Id.Value)) windows.Add(window);
                }
            }
            return windows;
        }
    }
}
