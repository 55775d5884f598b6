using System.Globalization;

namespace Igtimi.Client.Http
{
    /// <summary>The server refused a session-log document (igtimi.com's 403 for XML "not in the right format").</summary>
    public sealed class SessionLogRejectedException : IgtimiApiException
    {
        internal SessionLogRejectedException(long sessionId, string serverText, IgtimiApiException inner)
            : base($"The server refused the log entries for session {sessionId.ToString(CultureInfo.InvariantCulture)}: " +
                   $"the XML is not in the form it takes. The server says: {serverText}",
                inner.StatusCode, inner.ApiError, serverText, inner.Method, inner.RequestUri, inner.ResponseBody, null, inner, IgtimiErrorKind.HttpStatus)
        {
            SessionId = sessionId;
            ServerText = serverText;
        }

        public long SessionId { get; }

        public string ServerText { get; }
    }
}
