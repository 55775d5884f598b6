using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Igtimi.Client.Http
{
    /// <summary>
    /// Turns what the network stack throws into the module's exception, telling apart a host that
    /// does not answer, a certificate that is refused, a server that answered wrongly, and a timeout.
    /// </summary>
    internal static class TransportFailure
    {
        public static IgtimiApiException From(Exception ex, string method, string redactedUri, IEnumerable<string>? secrets)
        {
            var (kind, reason) = Classify(ex);
            var verb = kind == IgtimiErrorKind.Timeout ? "timed out" : "failed";
            var message = $"{method} {redactedUri} {verb}: {Redactor.Redact(reason, secrets)}.";
            return IgtimiApiException.Of(kind, message, method, redactedUri);
        }

        public static (IgtimiErrorKind Kind, string Reason) Classify(Exception ex)
        {
            switch (Find<ResponseBodyException>(ex))
            {
                case ResponseTimeoutException timeout:
                    return (IgtimiErrorKind.Timeout, timeout.Message);
                case ResponseTooLargeException tooLarge:
                    return (IgtimiErrorKind.InvalidResponse, tooLarge.Message);
                case ResponseDecodeException decode:
                    return (IgtimiErrorKind.InvalidResponse, decode.Message);
                case ResponseCutOffException cut:
                    return (cut.LengthMismatch ? IgtimiErrorKind.ProtocolViolation : IgtimiErrorKind.Network, cut.Message);
            }
            var innermost = Trim(Innermost(ex).Message);
            if (Find<AuthenticationException>(ex) != null)
                return (IgtimiErrorKind.Certificate, $"the secure (TLS) connection could not be made; the server's certificate was not accepted ({innermost})");

            switch (HttpRequestError(ex))
            {
                case "NameResolutionError":
                    return (IgtimiErrorKind.Unreachable, $"the host name could not be resolved ({innermost})");
                case "ConnectionError":
                    return (IgtimiErrorKind.Unreachable, $"no connection could be made ({innermost})");
                case "SecureConnectionError":
                    return (IgtimiErrorKind.Certificate, $"the secure (TLS) connection could not be made ({innermost})");
                case "InvalidResponse":
                case "HttpProtocolError":
                case "ConfigurationLimitExceeded":
                    return (IgtimiErrorKind.ProtocolViolation, $"the server's answer breaks HTTP's rules ({innermost})");
                case "ResponseEnded":
                    return (IgtimiErrorKind.Network, $"the server closed the connection before the response was complete ({innermost})");
            }

            var socket = Find<SocketException>(ex);
            if (socket != null && IsUnreachable(socket.SocketErrorCode))
                return (IgtimiErrorKind.Unreachable, $"no connection could be made ({innermost})");
            return (IgtimiErrorKind.Network, innermost);
        }

        private static bool IsUnreachable(SocketError code) =>
            code == SocketError.ConnectionRefused || code == SocketError.HostNotFound || code == SocketError.NoData ||
            code == SocketError.HostUnreachable || code == SocketError.NetworkUnreachable || code == SocketError.TryAgain ||
            code == SocketError.HostDown || code == SocketError.AddressNotAvailable;

        /// <summary>HttpRequestException.HttpRequestError (.NET 8 and later), read by name so the netstandard2.0 build can use it.</summary>
        private static string? HttpRequestError(Exception ex)
        {
            var http = Find<HttpRequestException>(ex);
            var value = http?.GetType().GetProperty("HttpRequestError")?.GetValue(http);
            if (value != null && value.ToString() != "Unknown") return value.ToString();
            var io = Find<IOException>(ex);
            value = io?.GetType().GetProperty("HttpRequestError")?.GetValue(io);
            return value?.ToString();
        }

        internal static T? Find<T>(Exception? ex) where T : Exception
        {
            for (; ex != null; ex = ex.InnerException)
                if (ex is T match) return match;
            return null;
        }

        private static Exception Innermost(Exception ex)
        {
            while (ex.InnerException != null) ex = ex.InnerException;
            return ex;
        }

        private static string Trim(string message) => message.Trim().TrimEnd('.');
    }
}
