using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.WebSockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Http;

namespace Igtimi.Client.Live
{
    /// <summary>One WebSocket connection to a live server: handshake, heartbeats, silence watch.</summary>
    internal sealed class LiveLink : IDisposable
    {
        private const int MaxMessageBytes = 16 * 1024 * 1024;
        private readonly ClientWebSocket _socket;
        private readonly IgtimiLiveOptions _options;
        private readonly List<LiveMessage> _early = new List<LiveMessage>();
        private readonly CancellationTokenSource _heartbeats = new CancellationTokenSource();
        private readonly SemaphoreSlim _sendLock = new SemaphoreSlim(1, 1);

        private LiveLink(ClientWebSocket socket, Uri server, IgtimiLiveOptions options)
        {
            _socket = socket;
            Server = server;
            _options = options;
        }

        public Uri Server { get; }

        /// <summary>The status of the server's close frame, once one came (1005, Empty, when it had none).</summary>
        public WebSocketCloseStatus? ServerCloseStatus { get; private set; }

        /// <summary>The reason text of the server's close frame, once one came.</summary>
        public string? ServerCloseDescription { get; private set; }

        /// <summary>The server's time (ms since the epoch) from its reply to the config.</summary>
        public long ServerTime { get; private set; }

        public static async Task<LiveLink> OpenAsync(Uri server, IgtimiConnection connection, IgtimiLiveOptions options, CancellationToken cancellationToken)
        {
            if (!connection.IsOpen) throw new LiveProtocolException("The connection is closed.");
            var token = connection.AccessTokenForProtocol;
            var protocol = connection.Dialect.Live;
            var socket = new ClientWebSocket();
            socket.Options.KeepAliveInterval = TimeSpan.Zero;
            foreach (var header in protocol.UpgradeHeaders(token)) socket.Options.SetRequestHeader(header.Key, header.Value);
            if (connection.SkipCertificateCheck) SkipCertificateCheck(socket);
            var link = new LiveLink(socket, server, options);
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(options.HandshakeTimeout + options.HandshakeTimeout);
                await socket.ConnectAsync(server, timeout.Token).ConfigureAwait(false);
                IgtimiTrace.Debug($"Sending the live config for {options.SerialNumbers.Count} device(s) to {server}.");
                await link.SendAsync(protocol.ConfigMessage(Models.IgtimiSerialNumbers.From(options.SerialNumbers), token), timeout.Token).ConfigureAwait(false);
                timeout.CancelAfter(options.HandshakeTimeout);
                while (true)
                {
                    var message = await link.ReceiveAsync(timeout.Token).ConfigureAwait(false)
                                  ?? throw new LiveProtocolException("The server closed the connection instead of sending its timestamp.");
                    if (!message.Binary)
                    {
                        var text = Encoding.UTF8.GetString(message.Bytes).Trim();
                        if (text == "1") continue;
                        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var time) ||
                            (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && (time = (long)d) > 0))
                        {
                            link.ServerTime = time;
                            return link;
                        }
                    }
                    // Data may come before the timestamp (SAP's server forwards from the moment of connecting).
                    link._early.Add(message);
                }
            }
            catch
            {
                link.Dispose();
                throw;
            }
        }

        /// <summary>netstandard2.0 has no certificate callback on ClientWebSocketOptions; newer runtimes do.</summary>
        private static void SkipCertificateCheck(ClientWebSocket socket)
        {
            var property = socket.Options.GetType().GetProperty("RemoteCertificateValidationCallback");
            if (property is null)
            {
                IgtimiTrace.Warning("This runtime cannot skip the certificate check for WebSockets; the live server's certificate is checked.");
                return;
            }
            System.Net.Security.RemoteCertificateValidationCallback accept = (_, _, _, _) => true;
            property.SetValue(socket.Options, accept);
        }

        /// <summary>
        /// Reads frames until the server closes, the link goes silent (TimeoutException) or the token is
        /// cancelled. On cancellation it sends the close frame and waits briefly for the server's close,
        /// so the socket ends with a proper handshake rather than an abort.
        /// </summary>
        public async Task PumpAsync(Func<LiveMessage, Task> onData, CancellationToken cancellationToken)
        {
            foreach (var frame in _early) await onData(frame).ConfigureAwait(false);
            _early.Clear();
            var heartbeat = SendHeartbeatsAsync(_heartbeats.Token);
            using var hardStop = new CancellationTokenSource();
            using var silence = CancellationTokenSource.CreateLinkedTokenSource(hardStop.Token);
            using var stopping = cancellationToken.Register(() => _ = CloseThenAbortAsync(hardStop));
            try
            {
                while (true)
                {
                    silence.CancelAfter(_options.SilenceLimit);
                    LiveMessage? message;
                    try
                    {
                        message = await ReceiveAsync(silence.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (hardStop.IsCancellationRequested)
                    {
                        throw new OperationCanceledException(cancellationToken);
                    }
                    catch (OperationCanceledException)
                    {
                        throw new TimeoutException($"No heartbeat or data for {_options.SilenceLimit.TotalSeconds:0} s.");
                    }
                    if (message is null) return;
                    if (cancellationToken.IsCancellationRequested) continue; // draining until the server's close arrives
                    if (message.Binary) { await onData(message).ConfigureAwait(false); continue; }
                    var bytes = message.Bytes;
                    if (bytes.Length == 1 && bytes[0] == (byte)'1') continue;
                    var first = FirstNonBlank(bytes);
                    if (first == '[' || first == '{') await onData(message).ConfigureAwait(false);
                    else IgtimiTrace.Debug($"Live server sent '{SafeText.Excerpt(Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 40)))}'; ignored.");
                }
            }
            finally
            {
                _heartbeats.Cancel();
                try { await heartbeat.ConfigureAwait(false); }
                catch (OperationCanceledException) { }
            }
        }

        private async Task CloseThenAbortAsync(CancellationTokenSource hardStop)
        {
            await CloseAsync().ConfigureAwait(false);
            try
            {
                hardStop.CancelAfter(TimeSpan.FromSeconds(2));
            }
            catch (ObjectDisposedException)
            {
                // The server's close arrived first and the pump has already ended.
            }
        }

        private static char FirstNonBlank(byte[] message)
        {
            foreach (var b in message) if (!char.IsWhiteSpace((char)b)) return (char)b;
            return '\0';
        }

        private async Task SendHeartbeatsAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                await Task.Delay(_options.HeartbeatInterval, cancellationToken).ConfigureAwait(false);
                try
                {
                    await SendAsync("1", cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is WebSocketException || ex is ObjectDisposedException || ex is IOException)
                {
                    // The receive loop notices the broken link and reconnects; a failed heartbeat has nothing to add.
                    IgtimiTrace.Debug("A heartbeat could not be sent: " + ex.Message);
                    return;
                }
            }
        }

        private async Task SendAsync(string text, CancellationToken cancellationToken)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _socket.SendAsync(new ArraySegment<byte>(bytes), WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _sendLock.Release();
            }
        }

        /// <summary>One whole message, or null when the server closed the connection.</summary>
        private async Task<LiveMessage?> ReceiveAsync(CancellationToken cancellationToken)
        {
            var buffer = new byte[16 * 1024];
            using var message = new MemoryStream();
            while (true)
            {
                var result = await _socket.ReceiveAsync(new ArraySegment<byte>(buffer), cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    ServerCloseStatus = result.CloseStatus ?? WebSocketCloseStatus.Empty;
                    ServerCloseDescription = result.CloseStatusDescription;
                    // The server closed first (else our close is already out and this is its answer): reply before the
                    // socket is dropped, or the server sees 1006 (RFC 6455 section 5.5.1).
                    if (_socket.State == WebSocketState.CloseReceived) await AnswerCloseAsync(ServerCloseStatus.Value).ConfigureAwait(false);
                    return null;
                }
                message.Write(buffer, 0, result.Count);
                if (message.Length > MaxMessageBytes)
                    throw new LiveProtocolException($"A live message is longer than {MaxMessageBytes / (1024 * 1024)} MB.");
                if (result.EndOfMessage) return new LiveMessage(message.ToArray(), result.MessageType == WebSocketMessageType.Binary);
            }
        }

        /// <summary>Echoes the server's status (RFC 6455 section 5.5.1); one an endpoint may not send (1005 and the like) goes back without a status.</summary>
        private Task AnswerCloseAsync(WebSocketCloseStatus status)
        {
            var code = (int)status;
            var sendable = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
            var answer = sendable ? code.ToString(CultureInfo.InvariantCulture) : "a close without a status";
            IgtimiTrace.Debug($"The live server closed the connection ({code}); answering with {answer}.");
            return SendCloseAsync(sendable ? status : WebSocketCloseStatus.Empty, sendable ? "closing" : null);
        }

        /// <summary>Sends the close frame (at most 2 s); the receive loop then sees the server's close.</summary>
        public Task CloseAsync() => SendCloseAsync(WebSocketCloseStatus.NormalClosure, "client stopped");

        private async Task SendCloseAsync(WebSocketCloseStatus status, string? reason)
        {
            if (_socket.State != WebSocketState.Open && _socket.State != WebSocketState.CloseReceived) return;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await _sendLock.WaitAsync(timeout.Token).ConfigureAwait(false);
                try
                {
                    if (_socket.State != WebSocketState.Open && _socket.State != WebSocketState.CloseReceived) return;
                    await _socket.CloseOutputAsync(status, reason, timeout.Token).ConfigureAwait(false);
                }
                finally
                {
                    _sendLock.Release();
                }
            }
            catch (Exception ex) when (ex is WebSocketException || ex is OperationCanceledException || ex is IOException || ex is ObjectDisposedException)
            {
                IgtimiTrace.Debug("The live socket could not be closed cleanly: " + ex.Message);
            }
        }

        public void Dispose()
        {
            _heartbeats.Cancel();
            _socket.Dispose();
            _heartbeats.Dispose();
        }
    }

    /// <summary>One message from a live server: its bytes and whether it came as a binary frame.</summary>
    internal sealed class LiveMessage
    {
        public LiveMessage(byte[] bytes, bool binary)
        {
            Bytes = bytes;
            Binary = binary;
        }

        public byte[] Bytes { get; }
        public bool Binary { get; }
    }
}
