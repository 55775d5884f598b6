using System;
using System.Management.Automation;
using System.Net;
using Igtimi.Client.Http;

namespace IgtimiPS.Base
{
    /// <summary>Builds error records: status → category, the API's message in ErrorDetails, a recommended action.</summary>
    public static class ErrorRecords
    {
        public const string ShutdownNotice =
            "The igtimi.com cloud closed on 6 January 2025; give the address of a compatible server with -BaseUri (or the IGTIMI_BASE_URI environment variable), for example a self-hosted server or the IgtimiPS emulator.";

        public static ErrorCategory CategoryFor(HttpStatusCode? status)
        {
            if (status is null) return ErrorCategory.ConnectionError;
            var code = (int)status.Value;
            switch (code)
            {
                case 401: return ErrorCategory.AuthenticationError;
                case 403: return ErrorCategory.PermissionDenied;
                case 404: return ErrorCategory.ObjectNotFound;
                case 400:
                case 422: return ErrorCategory.InvalidArgument;
                case 429: return ErrorCategory.LimitsExceeded;
                default: return code >= 500 ? ErrorCategory.ResourceUnavailable : ErrorCategory.InvalidOperation;
            }
        }

        public static string RecommendedActionFor(IgtimiApiException ex)
        {
            if (ex.IsUnreachable) return ShutdownNotice;
            if (ex.IsTimeout) return "The server did not answer in time. Try again later, or with a longer timeout.";
            switch (ex.StatusCode.HasValue ? (int)ex.StatusCode.Value : 0)
            {
                case 0: return "Check the network and the server address, then try again.";
                case 401: return "The access token was refused. Sign in again with Connect-Igtimi.";
                case 403: return "The signed-in user may not access this. Ask the owner to share it, or connect as another user.";
                case 404: return "Check the id, serial number or path.";
                case 400:
                case 422: return "Check the parameters of the request.";
                case 429: return "The server limits requests. Wait a while and try again.";
                default: return (int)ex.StatusCode!.Value >= 500 ? "The server failed. Try again later." : "See the error details.";
            }
        }

        public static ErrorRecord FromApiException(IgtimiApiException ex, string? errorId, object? target)
        {
            var id = errorId ?? (ex.IsTimeout ? ErrorIds.RequestTimedOut : ex.IsUnreachable ? ErrorIds.ServerUnreachable : ErrorIds.ApiRequestFailed);
            var record = new ErrorRecord(ex, id, CategoryFor(ex.StatusCode), target);
            var details = ex.Message;
            record.ErrorDetails = new ErrorDetails(details) { RecommendedAction = RecommendedActionFor(ex) };
            return record;
        }

        public static ErrorRecord Create(string message, string errorId, ErrorCategory category, object? target, string? recommendedAction = null, Exception? inner = null)
        {
            var exception = category == ErrorCategory.InvalidArgument
                ? new ArgumentException(message, inner)
                : (Exception)new InvalidOperationException(message, inner);
            var record = new ErrorRecord(exception, errorId, category, target);
            if (recommendedAction != null) record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = recommendedAction };
            return record;
        }
    }
}
