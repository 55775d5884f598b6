using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Http;

namespace Igtimi.Client.Json
{
    /// <summary>
    /// igtimi.com's answer to deletes, updates and shares: only <c>{"success":true}</c> proves the change
    /// (docs/design/igtimi-api-2013.md section 4); a missing or false <c>success</c>, or anything else, is an error.
    /// </summary>
    public static class SuccessReply
    {
        public static async Task ExpectAsync(IgtimiResponse response, string what, CancellationToken cancellationToken)
        {
            using var document = await ApiJson.ParseAsync(response, cancellationToken).ConfigureAwait(false);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.True)
                return;
            var (error, description) = ApiErrorBody.Parse(root.GetRawText());
            var reason = error is null ? "" : $": {SafeText.Excerpt(error, 200)}" + (description is null ? "" : $" ({SafeText.Excerpt(description, 300)})");
            throw response.Invalid($"the server did not confirm that it {what} (no \"success\":true in its answer){reason}; " +
                                   "check the object before trying again", System.Text.Encoding.UTF8.GetBytes(root.GetRawText()));
        }
    }
}
