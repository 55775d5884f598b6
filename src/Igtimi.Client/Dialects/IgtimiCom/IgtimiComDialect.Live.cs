using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Api;
using Igtimi.Client.Data;
using Igtimi.Client.Http;
using Igtimi.Client.Json;

namespace Igtimi.Client.Dialects.IgtimiCom
{
    internal sealed partial class IgtimiComDialect
    {
        /// <summary><c>GET server_listers/web_sockets</c> at the site root (not under api/v1), no token.</summary>
        public async Task<IReadOnlyList<Uri>> GetLiveServersAsync(CancellationToken cancellationToken)
        {
            var request = new IgtimiRequest(HttpMethod.Get, "server_listers/web_sockets", IgtimiEndpointRoot.Site) { Authenticated = false };
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            using var document = await ApiJson.ParseAsync(response, cancellationToken).ConfigureAwait(false);
            return ApiJson.ReadServerList(response, document.RootElement);
        }

        public IIgtimiLiveProtocol Live { get; } = new TextFrameProtocol();

        public IReadOnlyList<int> DefaultDataTypes => IgtimiDataQuery.DefaultTypes;

        /// <summary>
        /// igtimi.com's live protocol (docs/design/igtimi-api.md section 7): the token in the config
        /// message, no upgrade headers, text frames holding JSON arrays of packed objects.
        /// </summary>
        private sealed class TextFrameProtocol : IIgtimiLiveProtocol
        {
            public bool IgnoresSubscription => false;

            private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

            public IReadOnlyDictionary<string, string> UpgradeHeaders(string? accessToken) => NoHeaders;

            public string ConfigMessage(IReadOnlyList<string> serialNumbers, string? accessToken) =>
                JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["access_token"] = accessToken ?? "",
                    ["devices"] = serialNumbers,
                });

            public async Task ReadFrameAsync(byte[] frame, bool binary, Func<IgtimiDataBlock, CancellationToken, Task> onBlock, Action<string>? warning,
                CancellationToken cancellationToken)
            {
                if (binary)
                {
                    warning?.Invoke($"The live server sent a binary frame of {frame.Length} bytes, which igtimi.com's protocol does not have; it was skipped.");
                    return;
                }
                var reader = new PackedDataReader(onBlock) { Warning = warning };
                await reader.ReadAsync(new MemoryStream(frame, writable: false), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
