using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Google.Protobuf;
using Igtimi.Client.Api;
using Igtimi.Client.Data;
using Igtimi.Client.Http;
using Igtimi.Client.Json;

namespace Igtimi.Client.Dialects.Sap
{
    internal sealed partial class SapDialect
    {
        /// <summary><c>GET server_listers/web_sockets</c>, under the API (igtimi.com has it at the site root), no token.</summary>
        public async Task<IReadOnlyList<Uri>> GetLiveServersAsync(CancellationToken cancellationToken)
        {
            var request = new IgtimiRequest(HttpMethod.Get, "server_listers/web_sockets") { Authenticated = false };
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            using var document = await ApiJson.ParseAsync(response, cancellationToken).ConfigureAwait(false);
            return ApiJson.ReadServerList(response, document.RootElement);
        }

        public IIgtimiLiveProtocol Live { get; } = new BinaryFrameProtocol();

        /// <summary>
        /// Every measurement case of the schema (1-28) and the plain numbers, integers and booleans
        /// (50, 51, 53; a WindBot's battery is 50), leaving out text, logs, commands and corrections as
        /// igtimi.com's default leaves out its logs.
        /// </summary>
        public IReadOnlyList<int> DefaultDataTypes { get; } = Enumerable.Range(1, 28).Concat(new[] { 50, 51, 53 }).ToArray();

        /// <summary>
        /// SAP's live protocol (docs/design/sap-dialect.md section 6): the token on the upgrade request,
        /// a config of devices only, binary frames that each hold one serialized <c>com.igtimi.Msg</c>.
        /// </summary>
        private sealed class BinaryFrameProtocol : IIgtimiLiveProtocol
        {
            public bool IgnoresSubscription => true;

            public IReadOnlyDictionary<string, string> UpgradeHeaders(string? accessToken) =>
                accessToken is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Authorization"] = "Bearer " + accessToken };

            public string ConfigMessage(IReadOnlyList<string> serialNumbers, string? accessToken) =>
                JsonSerializer.Serialize(new Dictionary<string, object> { ["devices"] = serialNumbers });

            public async Task ReadFrameAsync(byte[] frame, bool binary, Func<IgtimiDataBlock, CancellationToken, Task> onBlock, Action<string>? warning,
                CancellationToken cancellationToken)
            {
                if (!binary)
                {
                    warning?.Invoke($"SAP's live server sent a text frame of {frame.Length} bytes where data comes as binary protobuf; it was skipped: " +
                                    SafeText.Excerpt(frame, frame.Length, 80));
                    return;
                }
                var points = new SapPointCollector(null, null);
                try
                {
                    points.Add(frame, "");
                }
                catch (InvalidProtocolBufferException ex)
                {
                    throw new IgtimiPayloadException($"the binary frame is not a protobuf message ({SafeText.Excerpt(ex.Message, 120)})", frame, Math.Min(frame.Length, 64), ex);
                }
                var problems = points.Problems();
                if (problems != null) warning?.Invoke($"A live frame: {problems}.");
                foreach (var block in points.TakeBlocks()) await onBlock(block, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
