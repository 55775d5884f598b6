using System;
using System.Net;

namespace Igtimi.Client.Http
{
    /// <summary>
    /// The one exception type for failed Igtimi calls: HTTP errors, API errors in a 2xx body, network
    /// failures and timeouts. Never carries a secret: the URI and texts are redacted.
    /// </summary>
    public class IgtimiApiException : Exception
    {
        public IgtimiApiException(string message, HttpStatusCode? statusCode, string? apiError, string? apiErrorDescription,
            string? method, string? requestUri, string? responseBody = null, TimeSpan? retryAfter = null, Exception? innerException = null)
            : base(message, innerException)
        {
            StatusCode = statusCode;
            ApiError = apiError;
            ApiErrorDescription = apiErrorDescription;
            Method = method;
            RequestUri = requestUri;
            ResponseBody = responseBody;
            RetryAfter = retryAfter;
        }

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

        public bool IsTimeout { get; internal set; }

        /// <summary>True when the server could not be reached at all (DNS, refused connection, TLS failure).</summary>
        public bool IsUnreachable { get; internal set; }
    }
}
