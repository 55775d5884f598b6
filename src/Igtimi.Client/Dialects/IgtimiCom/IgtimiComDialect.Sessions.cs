using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using Igtimi.Client.Api;
using Igtimi.Client.Http;
using Igtimi.Client.Models;

namespace Igtimi.Client.Dialects.IgtimiCom
{
    internal sealed partial class IgtimiComDialect
    {
        public Task<IReadOnlyList<IgtimiSession>> GetSessionsAsync(IgtimiSessionFilter filter, CancellationToken cancellationToken)
        {
            var request = new IgtimiRequest(HttpMethod.Get, "sessions");
            if (filter.Public.HasValue) request.AddQuery("public", filter.Public.Value);
            if (filter.Limit.HasValue) request.AddQuery("limit", filter.Limit.Value);
            request.AddQuery("include_incomplete", filter.IncludeIncomplete);
            return ListAsync<IgtimiSession>(request, "sessions", "session", cancellationToken);
        }

        public Task<IgtimiSession> GetSessionAsync(long id, CancellationToken cancellationToken) =>
            SingleAsync<IgtimiSession>(new IgtimiRequest(HttpMethod.Get, "sessions/" + Id(id)), "session", cancellationToken);

        /// <summary><c>GET sessions/{id}/logs</c>: XML, read into typed entries.</summary>
        public async Task<IReadOnlyList<IgtimiSessionLogEntry>> GetSessionLogAsync(long sessionId, DateTimeOffset? since, CancellationToken cancellationToken)
        {
            var request = new IgtimiRequest(HttpMethod.Get, $"sessions/{Id(sessionId)}/logs") { Accept = "application/xml, text/xml" };
            // start_time: the entries created since then (docs/design/igtimi-api-2013.md section 3.7).
            if (since.HasValue) request.AddQuery("start_time", since.Value);
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.ReadAsBytesAsync(cancellationToken).ConfigureAwait(false);
            if (response.ContentType != null && response.ContentType.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0)
                throw response.Invalid("the session log is XML, not an HTML page", body);
            try
            {
                return SessionLogReader.Read(new MemoryStream(body, writable: false), sessionId);
            }
            catch (XmlException ex)
            {
                throw response.Invalid($"the log of session {sessionId} is not valid XML ({ex.Message})", body, inner: ex);
            }
            catch (InvalidDataException ex)
            {
                throw response.Invalid(ex.Message, body, inner: ex);
            }
        }
    }
}
