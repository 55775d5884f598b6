using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Http;
using Igtimi.Client.Json;
using Igtimi.Client.Models;

namespace Igtimi.Client.Dialects.IgtimiCom
{
    /// <summary>
    /// Session, session-log, group and member writes on igtimi.com's paths (docs/design/igtimi-api-2013.md sections
    /// 3.6–3.11 and 6.1): form bodies, <c>{"success":true}</c> or the created object back, sent once.
    /// </summary>
    internal sealed partial class IgtimiComDialect
    {
        public async Task<IgtimiSession> CreateSessionAsync(CancellationToken cancellationToken)
        {
            var request = Write(HttpMethod.Post, "sessions", new KeyValuePair<string, string>[0]);
            return await SingleAsync<IgtimiSession>(request, "session", cancellationToken).ConfigureAwait(false);
        }

        public Task DeleteSessionAsync(long id, CancellationToken cancellationToken) =>
            SuccessAsync(Write(HttpMethod.Delete, "sessions/" + Id(id)), $"delete session {id}", cancellationToken);

        /// <summary>The XML goes as it is (Content-Type application/xml, inferred); a 403 is the server's verdict on it.</summary>
        public async Task AddSessionLogAsync(long sessionId, string xml, CancellationToken cancellationToken)
        {
            var request = new IgtimiRequest(HttpMethod.Post, $"sessions/{Id(sessionId)}/logs")
            {
                IsWrite = true,
                Body = IgtimiRequestBody.FromText(xml, "application/xml; charset=utf-8"),
            };
            try
            {
                await SuccessAsync(request, $"add the log entries to session {sessionId}", cancellationToken).ConfigureAwait(false);
            }
            catch (IgtimiApiException ex) when (ex.StatusCode == HttpStatusCode.Forbidden)
            {
                throw new SessionLogRejectedException(sessionId, ServerText(ex), ex);
            }
        }

        public Task<IgtimiGroup> CreateGroupAsync(string name, CancellationToken cancellationToken) =>
            SingleAsync<IgtimiGroup>(Write(HttpMethod.Post, "groups", Pair("name", name)), "group", cancellationToken);

        public Task DeleteGroupAsync(long id, CancellationToken cancellationToken) =>
            SuccessAsync(Write(HttpMethod.Delete, "groups/" + Id(id)), $"delete group {id}", cancellationToken);

        public async Task<IgtimiGroupMembers> GetGroupMembersAsync(long groupId, CancellationToken cancellationToken)
        {
            using var response = await _http.SendAsync(new IgtimiRequest(HttpMethod.Get, $"groups/{Id(groupId)}/members"), cancellationToken)
                .ConfigureAwait(false);
            return await WriteReplies.ReadMembersAsync(response, groupId, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The parameter name <c>user_id</c> is inferred (the 2013 reference names none).</summary>
        public Task AddGroupMemberAsync(long groupId, long userId, CancellationToken cancellationToken) =>
            SuccessAsync(Write(HttpMethod.Post, $"groups/{Id(groupId)}/members", Pair("user_id", Id(userId))),
                $"add user {userId} to group {groupId}", cancellationToken);

        /// <summary>A DELETE on the collection, the user named by <c>user_id</c> (inferred) in the query: a DELETE body is often dropped.</summary>
        public Task RemoveGroupMemberAsync(long groupId, long userId, CancellationToken cancellationToken)
        {
            var request = new IgtimiRequest(HttpMethod.Delete, $"groups/{Id(groupId)}/members") { IsWrite = true }.AddQuery("user_id", userId);
            return SuccessAsync(request, $"remove user {userId} from group {groupId}", cancellationToken);
        }

        public Task SetGroupPublicAsync(long groupId, bool isPublic, CancellationToken cancellationToken) =>
            SuccessAsync(Write(HttpMethod.Post, $"groups/{Id(groupId)}/{(isPublic ? "make_public" : "make_private")}"),
                $"make group {groupId} {(isPublic ? "public" : "private")}", cancellationToken);

        private static IgtimiRequest Write(HttpMethod method, string path, params KeyValuePair<string, string>[] form)
        {
            var request = new IgtimiRequest(method, path) { IsWrite = true };
            if (method != HttpMethod.Delete) request.Body = IgtimiRequestBody.FromForm(form);
            return request;
        }

        private static KeyValuePair<string, string> Pair(string name, string value) => new KeyValuePair<string, string>(name, value);

        private async Task SuccessAsync(IgtimiRequest request, string change, CancellationToken cancellationToken)
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            await WriteReplies.ReadSuccessAsync(response, change, cancellationToken).ConfigureAwait(false);
        }

        private static string ServerText(IgtimiApiException ex) =>
            ex.ApiErrorDescription ?? ex.ApiError ?? (string.IsNullOrWhiteSpace(ex.ResponseBody) ? "(no explanation in the body)"
                : SafeText.Excerpt(ex.ResponseBody!.Trim(), 600));
    }
}
