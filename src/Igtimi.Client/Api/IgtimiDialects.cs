using System;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Dialects.IgtimiCom;
using Igtimi.Client.Dialects.Sap;
using Igtimi.Client.Http;

namespace Igtimi.Client.Api
{
    /// <summary>
    /// The one place that knows which dialects exist: makes a flavor's dialect, gives its API path and
    /// rules, and tells the flavor of a server by probing it (docs/design/sap-dialect.md section 8).
    /// </summary>
    public static class IgtimiDialects
    {
        private const string SapContext = "igtimi";
        private const string SapProbePath = "igtimi/api/v1/server_listers/web_sockets";

        internal static IIgtimiDialect Create(IgtimiServerFlavor flavor, IgtimiHttp http, Func<string?> token)
        {
            switch (flavor)
            {
                case IgtimiServerFlavor.Igtimi: return new IgtimiComDialect(http);
                case IgtimiServerFlavor.Sap: return new SapDialect(http, token);
                default: throw new ArgumentOutOfRangeException(nameof(flavor), flavor, "No dialect is known for this server flavor.");
            }
        }

        /// <summary>
        /// The server as the connection will use it: the dialect (given, else probed), the server root
        /// (for SAP without the <c>/igtimi</c> context and <c>/api/v1</c> the user may have typed), and the
        /// dialect's API path and request rules.
        /// </summary>
        internal static async Task<IgtimiClientOptions> FindServerAsync(IgtimiClientOptions options, CancellationToken cancellationToken)
        {
            var typed = WithoutApiPath(options.BaseUri);
            var sapRoot = WithoutSegment(typed, SapContext) ?? typed;
            var flavor = options.Flavor ?? await DetectAsync(options, sapRoot, cancellationToken).ConfigureAwait(false);
            switch (flavor)
            {
                case IgtimiServerFlavor.Sap:
                    return options.ForServer(sapRoot, flavor, SapContext + "/api/v1/", allowsMethodOverride: false, Math.Max(options.MaxUriLength, 6000));
                default:
                    return options.ForServer(typed, flavor, "api/v1/", allowsMethodOverride: true, options.MaxUriLength);
            }
        }

        /// <summary>
        /// SAP's server lists its live server under <c>/igtimi/api/v1/</c> without a token, at a path no
        /// igtimi.com-style server has; anything else that answers is taken as the igtimi.com dialect.
        /// A host that does not answer at all is an error here already.
        /// </summary>
        private static async Task<IgtimiServerFlavor> DetectAsync(IgtimiClientOptions options, Uri sapRoot, CancellationToken cancellationToken)
        {
            var probe = options.ForServer(sapRoot, IgtimiServerFlavor.Sap, SapContext + "/api/v1/", allowsMethodOverride: false, options.MaxUriLength);
            using var http = new IgtimiHttp(probe, () => null);
            var request = new IgtimiRequest(HttpMethod.Get, SapProbePath, IgtimiEndpointRoot.Site) { Authenticated = false };
            IgtimiTrace.Verbose($"Finding the server's dialect: GET {new Uri(sapRoot, SapProbePath)}");
            try
            {
                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                var body = await response.ReadAsBytesAsync(cancellationToken).ConfigureAwait(false);
                if (IsSapServerList(body))
                {
                    IgtimiTrace.Verbose("The server speaks SAP's dialect.");
                    return IgtimiServerFlavor.Sap;
                }
            }
            catch (IgtimiApiException ex) when (ex.Kind == IgtimiErrorKind.HttpStatus || ex.Kind == IgtimiErrorKind.InvalidResponse ||
                                                ex.Kind == IgtimiErrorKind.ProtocolViolation)
            {
                IgtimiTrace.Debug($"Not SAP's dialect: {ex.Message}");
            }
            IgtimiTrace.Verbose("The server speaks the igtimi.com dialect.");
            return IgtimiServerFlavor.Igtimi;
        }

        private static bool IsSapServerList(byte[] body)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind != JsonValueKind.Object ||
                    !document.RootElement.TryGetProperty("web_socket_servers", out var list) || list.ValueKind != JsonValueKind.Array) return false;
                foreach (var item in list.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String && (item.GetString() ?? "").TrimEnd('/').EndsWith("/" + SapContext + "/websocket", StringComparison.Ordinal))
                        return true;
                }
                return false;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        /// <summary>The URI without a trailing <c>api/v1</c> (users paste the API address as often as the server's).</summary>
        private static Uri WithoutApiPath(Uri uri)
        {
            var path = uri.AbsolutePath.TrimEnd('/');
            if (!path.EndsWith("/api/v1", StringComparison.OrdinalIgnoreCase)) return uri;
            return new Uri(uri, path.Substring(0, path.Length - "/api/v1".Length) + "/");
        }

        private static Uri? WithoutSegment(Uri uri, string segment)
        {
            var path = uri.AbsolutePath.TrimEnd('/');
            if (!path.EndsWith("/" + segment, StringComparison.OrdinalIgnoreCase)) return null;
            return new Uri(uri, path.Substring(0, path.Length - segment.Length - 1) + "/");
        }
    }
}
