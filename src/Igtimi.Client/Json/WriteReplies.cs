using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Http;
using Igtimi.Client.Models;

namespace Igtimi.Client.Json
{
    /// <summary>
    /// The replies of igtimi.com's writes (docs/design/igtimi-api-2013.md section 4): <c>{"success":true}</c> is the only
    /// proof that a delete, update or member call worked, and the member list with its public marker.
    /// </summary>
    public static class WriteReplies
    {
        /// <summary>
        /// Returns when the body is an object whose <c>success</c> is the JSON literal true; anything else (false, a
        /// string, no member, an empty body, HTML) is an error that says the change is unconfirmed.
        /// </summary>
        public static async Task ReadSuccessAsync(IgtimiResponse response, string change, CancellationToken cancellationToken)
        {
            var body = await response.ReadAsBytesAsync(cancellationToken).ConfigureAwait(false);
            var unconfirmed = $"the server did not confirm that it would {change} (only {{\"success\":true}} does), so it may or may not have happened";
            if (body.Length == 0 || response.IsMarkup()) throw response.Invalid(unconfirmed, body);
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
            }
            catch (JsonException ex)
            {
                throw response.Invalid(unconfirmed + $"; the body is not valid JSON ({ex.Message})", body, inner: ex);
            }
            using (document)
            {
                var root = document.RootElement;
                var success = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("success", out var member) ? member.ValueKind : JsonValueKind.Undefined;
                if (success == JsonValueKind.True)
                    return;
                if (root.ValueKind == JsonValueKind.Object && (root.TryGetProperty("error", out _) || success == JsonValueKind.False))
                {
                    var (error, description) = ApiErrorBody.Parse(Encoding.UTF8.GetString(body));
                    throw response.ApiError(error is null ? "success:false" : SafeText.Excerpt(error, 200),
                        SafeText.Excerpt(description ?? $"the server did not {change}", 300));
                }
                throw response.Invalid(unconfirmed, body);
            }
        }

        /// <summary>
        /// <c>{"members":[{"user":{…}},…,{"public":true}]}</c> (the 2013 sample is a list of such entries; a bare
        /// array is read too). Entries that are neither a user nor the public marker are an invalid answer.
        /// </summary>
        public static async Task<IgtimiGroupMembers> ReadMembersAsync(IgtimiResponse response, long groupId, CancellationToken cancellationToken)
        {
            using var document = await ApiJson.ParseAsync(response, cancellationToken).ConfigureAwait(false);
            var root = document.RootElement;
            var list = root;
            if (root.ValueKind == JsonValueKind.Object && !(root.TryGetProperty("members", out list) || root.TryGetProperty("users", out list)))
                throw response.Invalid("the JSON is not an object with a 'members' array");
            if (list.ValueKind != JsonValueKind.Array) throw response.Invalid("the JSON is not an object with a 'members' array");
            var isPublic = false;
            var members = new List<IgtimiGroupMember>();
            foreach (var entry in list.EnumerateArray())
            {
                if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("public", out var flag) && entry.EnumerateObject().Count() == 1)
                {
                    isPublic = flag.ValueKind == JsonValueKind.True;
                    continue;
                }
                var user = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("user", out var wrapped) ? wrapped : entry;
                IgtimiUser? parsed = null;
                try
                {
                    if (user.ValueKind == JsonValueKind.Object) parsed = user.Deserialize<IgtimiUser>(ApiJson.Options);
                }
                catch (JsonException ex)
                {
                    throw response.Invalid($"a member has an unexpected shape ({ex.Message})", Encoding.UTF8.GetBytes(entry.GetRawText()), inner: ex);
                }
                if (parsed?.Id is null)
                    throw response.Invalid("a member is neither a user with an id nor the public marker", Encoding.UTF8.GetBytes(entry.GetRawText()));
                members.Add(new IgtimiGroupMember { GroupId = groupId, User = parsed });
            }
            foreach (var member in members) member.GroupIsPublic = isPublic;
            return new IgtimiGroupMembers(groupId, isPublic, members);
        }
    }
}
