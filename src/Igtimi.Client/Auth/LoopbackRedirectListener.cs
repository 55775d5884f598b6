using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Igtimi.Client.Auth
{
    /// <summary>
    /// A one-shot HTTP listener on 127.0.0.1 that receives the OAuth redirect (RFC 8252 §7.3). For the
    /// implicit grant the token sits in the URL fragment, which browsers never send, so the first
    /// request gets a small page that sends the fragment back as a query.
    /// </summary>
    public sealed class LoopbackRedirectListener : IDisposable
    {
        private const string RelayMarker = "igtimips_fragment";
        private readonly TcpListener _listener;
        private readonly string _path;

        private LoopbackRedirectListener(TcpListener listener, string path, Uri redirectUri)
        {
            _listener = listener;
            _path = path;
            RedirectUri = redirectUri;
        }

        /// <summary>The redirect URI to send, with the port actually bound.</summary>
        public Uri RedirectUri { get; }

        /// <summary>Listens on the requested loopback redirect URI; without a port, on a free random one.</summary>
        public static LoopbackRedirectListener Start(string requestedRedirectUri)
        {
            if (!OAuthEndpoints.IsLoopback(requestedRedirectUri))
                throw new ArgumentException($"'{requestedRedirectUri}' is not an http loopback redirect URI.", nameof(requestedRedirectUri));
            var requested = new Uri(requestedRedirectUri);
            var port = requested.IsDefaultPort ? 0 : requested.Port;
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            var bound = ((IPEndPoint)listener.LocalEndpoint).Port;
            var redirect = new UriBuilder(requested) { Port = bound }.Uri;
            return new LoopbackRedirectListener(listener, requested.AbsolutePath, redirect);
        }

        /// <summary>Waits for the redirect carrying a code, a token or an error.</summary>
        public async Task<AuthorizationResponse> WaitAsync(CancellationToken cancellationToken)
        {
            using var registration = cancellationToken.Register(() => _listener.Stop());
            while (true)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when ((ex is ObjectDisposedException || ex is SocketException || ex is InvalidOperationException) &&
                                           cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException(cancellationToken);
                }

                using (client)
                {
                    var result = await HandleAsync(client, cancellationToken).ConfigureAwait(false);
                    if (result != null) return result;
                }
            }
        }

        private async Task<AuthorizationResponse?> HandleAsync(TcpClient client, CancellationToken cancellationToken)
        {
            client.ReceiveTimeout = 10000;
            var stream = client.GetStream();
            var requestLine = await ReadRequestHeadAsync(stream, cancellationToken).ConfigureAwait(false);
            var parts = requestLine.Split(' ');
            if (parts.Length < 2 || parts[0] != "GET")
            {
                await RespondAsync(stream, 405, "Method not allowed.", cancellationToken).ConfigureAwait(false);
                return null;
            }
            var target = parts[1];
            var queryStart = target.IndexOf('?');
            var path = queryStart < 0 ? target : target.Substring(0, queryStart);
            var query = queryStart < 0 ? "" : target.Substring(queryStart + 1);
            if (!string.Equals(path, _path, StringComparison.Ordinal))
            {
                await RespondAsync(stream, 404, "Not found.", cancellationToken).ConfigureAwait(false);
                return null;
            }

            var response = AuthorizationResponse.FromParameters(query);
            if (response.Code is null && response.AccessToken is null && response.Error is null)
            {
                if (response.Values.ContainsKey(RelayMarker))
                {
                    await RespondAsync(stream, 400, "The sign-in redirect carried neither a code, a token nor an error.",
                        cancellationToken).ConfigureAwait(false);
                    return AuthorizationResponse.FromParameters("error=invalid_response&error_description=" +
                        Uri.EscapeDataString("The redirect carried neither a code nor a token."));
                }
                await RespondHtmlAsync(stream, 200, FragmentRelayPage(), cancellationToken).ConfigureAwait(false);
                return null;
            }
            response.Values.Remove(RelayMarker);
            var ok = response.Error is null;
            await RespondAsync(stream, ok ? 200 : 400, ok
                ? "Signed in to Igtimi. You can close this window and return to PowerShell."
                : "Sign-in failed: " + response.Error + ". You can close this window.", cancellationToken).ConfigureAwait(false);
            return response;
        }

        private static string FragmentRelayPage() =>
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>IgtimiPS sign-in</title></head><body>" +
            "<p id=\"m\">Completing sign-in…</p><script>" +
            "var f=window.location.hash.replace(/^#/,'');" +
            "window.location.replace(window.location.pathname+'?'+(f?f+'&':'')+'" + RelayMarker + "=1');" +
            "</script><noscript>Copy the address of this page and paste it into PowerShell.</noscript></body></html>";

        private static async Task<string> ReadRequestHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
        {
            var buffer = new byte[8192];
            var total = 0;
            while (total < buffer.Length)
            {
                var read = await stream.ReadAsync(buffer, total, buffer.Length - total, cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                total += read;
                var text = Encoding.ASCII.GetString(buffer, 0, total);
                if (text.Contains("\r\n\r\n")) break;
            }
            var head = Encoding.ASCII.GetString(buffer, 0, total);
            var end = head.IndexOf("\r\n", StringComparison.Ordinal);
            return end < 0 ? head : head.Substring(0, end);
        }

        private static Task RespondAsync(NetworkStream stream, int status, string message, CancellationToken cancellationToken) =>
            RespondHtmlAsync(stream, status, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>IgtimiPS sign-in</title></head><body><p>" +
                WebUtility.HtmlEncode(message) + "</p></body></html>", cancellationToken);

        private static async Task RespondHtmlAsync(NetworkStream stream, int status, string html, CancellationToken cancellationToken)
        {
            var body = Encoding.UTF8.GetBytes(html);
            var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {(status == 200 ? "OK" : "Error")}\r\nContent-Type: text/html; charset=utf-8\r\n" +
                $"Content-Length: {body.Length}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(head, 0, head.Length, cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(body, 0, body.Length, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        public void Dispose() => _listener.Stop();
    }
}
