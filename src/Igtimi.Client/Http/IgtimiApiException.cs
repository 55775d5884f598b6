using System;
using System.Net;

namespace Igtimi.Client.Http
{
    /// <summary>What went wrong with a call, as far as the client can tell.</summary>
    public enum IgtimiErrorKind
    {
        /// <summary>The server answered with a non-2xx status.</summary>
        HttpStatus,

        /// <summary>The server answered 2xx with the API's error shape (<c>{"error", "reason"}</c>).</summary>
        ApiError,

        /// <summary>The host did not answer at all: name not found, connection refused, no route.</summary>
        Unreachable,

        /// <summary>The TLS handshake failed, usually over the server's certificate.</summary>
        Certificate,

        /// <summary>The connection broke while talking to a server that did answer.</summary>
        Network,

        /// <summary>No answer, or no more of the body, within the deadline.</summary>
        Timeout,

        /// <summary>The server answered, but not in a shape the API has: HTML, truncated JSON, absurd values.</summary>
        InvalidResponse,

        /// <summary>The exchange broke HTTP's rules: oversized headers, a body shorter than its length, a redirect.</summary>
        ProtocolViolation,

        /// <summary>The server's dialect of the API has no such endpoint.</summary>
        NotOffered,

        /// <summary>A browser sign-in came back denied, or without the state that was sent (see IgtimiSignInRejectedException).</summary>
        SignInRejected,
    }

    /// <summary>
    /// The one exception type for failed Igtimi calls: HTTP errors, API errors in a 2xx body, network
    /// failures, timeouts and malformed answers. Never carries a secret: the URI and texts are redacted.
    /// </summary>
    public class IgtimiApiException : Exception
    {
        public IgtimiApiException(string message, HttpStatusCode? statusCode, string? apiError, string? apiErrorDescription,
            string? method, string? requestUri, string? responseBody = null, TimeSpan? retryAfter = null, Exception? innerException = null,
            IgtimiErrorKind? kind = null)
            : base(message, innerException)
        {
            StatusCode = statusCode;
            ApiError = apiError;
            ApiErrorDescription = apiErrorDescription;
            Method = method;
            RequestUri = requestUri;
            ResponseBody = responseBody;
            RetryAfter = retryAfter;
            Kind = kind ?? (statusCode.HasValue && ((int)statusCode.Value < 200 || (int)statusCode.Value > 299) ? IgtimiErrorKind.HttpStatus
                : apiError != null ? IgtimiErrorKind.ApiError : IgtimiErrorKind.Network);
        }

        public IgtimiErrorKind Kind { get; }

        /// <summary>The HTTP status, or null when no response came (network failure, timeout).</summary>
        public HttpStatusCode? StatusCode { get; }

        /// <summary>The API's error code (the <c>error</c> member of its JSON), if any.</summary>
        public string? ApiError { get; }

        /// <summary>The API's explanation (<c>error_description</c> or <c>reason</c>), if any.</summary>
        public string? ApiErrorDescription { get; }

        public string? Method { get; }

        /// <summary>The request URI with every secret parameter removed.</summary>
        public string? RequestUri { get; }

        /// <summary>The response body (redacted, at most 4 KB), if any.</summary>
        public string? ResponseBody { get; }

        public TimeSpan? RetryAfter { get; }

        public bool IsTimeout => Kind == IgtimiErrorKind.Timeout;

        /// <summary>True when the server could not be reached at all (DNS, refused connection, no route).</summary>
        public bool IsUnreachable => Kind == IgtimiErrorKind.Unreachable;

        /// <summary>A malformed answer: the server's content or the HTTP exchange itself was wrong.</summary>
        public bool IsInvalidResponse => Kind == IgtimiErrorKind.InvalidResponse || Kind == IgtimiErrorKind.ProtocolViolation;

        internal static IgtimiApiException Of(IgtimiErrorKind kind, string message, string? method, string? requestUri,
            HttpStatusCode? status = null, Exception? inner = null) =>
            new IgtimiApiException(message, status, null, null, method, requestUri, innerException: inner, kind: kind);
    }
}
