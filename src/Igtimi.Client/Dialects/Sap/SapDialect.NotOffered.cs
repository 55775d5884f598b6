using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Api;
using Igtimi.Client.Http;
using Igtimi.Client.Models;

namespace Igtimi.Client.Dialects.Sap
{
    /// <summary>The endpoints of the igtimi.com dialect that SAP's server does not have (docs/design/sap-dialect.md section 4).</summary>
    internal sealed partial class SapDialect
    {
        public Task<IReadOnlyList<IgtimiUser>> GetUsersAsync(CancellationToken cancellationToken) => throw NotOffered("users");

        public Task<IgtimiUser> GetUserAsync(long id, CancellationToken cancellationToken) => throw NotOffered("users");

        public Task<IReadOnlyList<IgtimiGroup>> GetGroupsAsync(CancellationToken cancellationToken) => throw NotOffered("groups");

        public Task<IgtimiGroup> GetGroupAsync(long id, CancellationToken cancellationToken) => throw NotOffered("groups");

        public Task<IReadOnlyList<IgtimiSession>> GetSessionsAsync(IgtimiSessionFilter filter, CancellationToken cancellationToken) =>
            throw NotOffered("sessions", "A race on SAP's server is a time window and its boats: give -Start, -End and the serial numbers.");

        public Task<IgtimiSession> GetSessionAsync(long id, CancellationToken cancellationToken) =>
            throw NotOffered("sessions", "A race on SAP's server is a time window and its boats: give -Start, -End and the serial numbers.");

        public Task<IReadOnlyList<IgtimiSessionLogEntry>> GetSessionLogAsync(long sessionId, System.DateTimeOffset? since,
            CancellationToken cancellationToken) =>
            throw NotOffered("session logs");

        public Task<IReadOnlyList<IgtimiResource>> GetResourcesAsync(IgtimiResourceFilter filter, CancellationToken cancellationToken) =>
            throw NotOffered("resources", "Its data access windows (Get-IgtimiDataAccessWindow) tell which device has data when.");

        public Task<IReadOnlyList<IgtimiDataType>> GetDataTypesAsync(CancellationToken cancellationToken) =>
            throw NotOffered("a data type list", "Get-IgtimiDataType without -FromServer lists the types this module knows.");

        private IgtimiApiException NotOffered(string what, string? instead = null) =>
            IgtimiApiException.Of(IgtimiErrorKind.NotOffered,
                $"SAP's server at {_http.SiteUri} does not offer {what}: its API has devices, data access windows, device data and live data only." +
                (instead is null ? "" : " " + instead), null, _http.SiteUri.AbsoluteUri);
    }
}
