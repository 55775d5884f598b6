using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Api;
using Igtimi.Client.Http;
using Igtimi.Client.Json;

namespace Igtimi.Client.Dialects.IgtimiCom
{
    /// <summary>
    /// The igtimi.com dialect (docs/design/igtimi-api.md): OAuth2 tokens, the REST API under
    /// <c>api/v1/</c>, wrapped snake_case JSON, the server lister at the site root, packed JSON data
    /// and text live frames. One partial file per API resource.
    /// </summary>
    internal sealed partial class IgtimiComDialect : IIgtimiDialect
    {
        private readonly IgtimiHttp _http;

        public IgtimiComDialect(IgtimiHttp http)
        {
            _http = http;
        }

        public IgtimiServerFlavor Flavor => IgtimiServerFlavor.Igtimi;

        private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

        private async Task<IReadOnlyList<T>> ListAsync<T>(IgtimiRequest request, string listMember, string itemMember, CancellationToken cancellationToken)
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return await ApiJson.ReadListAsync<T>(response, listMember, itemMember, cancellationToken).ConfigureAwait(false);
        }

        private async Task<T> SingleAsync<T>(IgtimiRequest request, string member, CancellationToken cancellationToken)
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return await ApiJson.ReadSingleAsync<T>(response, member, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Serials, a time window and a right, as igtimi.com's list endpoints take them.</summary>
        private static void AddWindow(IgtimiRequest request, IgtimiTimeWindowFilter filter, string permissionName)
        {
            if (filter.Permission.HasValue) request.AddQuery(permissionName, filter.Permission.Value);
            if (filter.Start.HasValue) request.AddQuery("start_time", filter.Start.Value);
            if (filter.End.HasValue) request.AddQuery("end_time", filter.End.Value);
            if (!filter.SerialNumbers.IsEmpty) request.AddQuery("serial_numbers", filter.SerialNumbers);
        }
    }
}
