using System;
using System.IO;
using System.Management.Automation;
using System.Net;
using Igtimi.Client.Auth;
using Igtimi.Client.Http;

namespace IgtimiPS.Errors
{
    /// <summary>Builds error records: status → category, the API's message in ErrorDetails, a recommended action.</summary>
    public static class ErrorRecords
    {
        public const string ShutdownNotice =
            "The igtimi.com cloud closed on 6 January 2025; give the address of a compatible server with -BaseUri " +
            "(or the IGTIMI_BASE_URI environment variable), for example a self-hosted server or the IgtimiPS emulator.";

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

        public const string CertificateAdvice =
            "Check the address: the server's certificate must be valid for its name and signed by an authority this machine trusts. " +
            "For a test server with a self-signed certificate (never a real one), connect with -SkipCertificateCheck.";

        public static string RecommendedActionFor(IgtimiApiException ex)
        {
            switch (ex.Kind)
            {
                case IgtimiErrorKind.Unreachable: return ShutdownNotice;
                case IgtimiErrorKind.Certificate: return CertificateAdvice;
                case IgtimiErrorKind.Timeout: return "The server did not answer in time. Try again later, or connect with a longer -TimeoutSec.";
                case IgtimiErrorKind.InvalidResponse:
                case IgtimiErrorKind.ProtocolViolation:
                    return "The server answered, but not as an Igtimi API server does. Check -BaseUri (is it the server root?), " +
                           "or try again later if the server is failing.";
                case IgtimiErrorKind.Network: return "The connection broke. Check the network and try again.";
                case IgtimiErrorKind.ApiError: return "See the server's reason in the error; check the parameters of the request.";
                case IgtimiErrorKind.SignInRejected:
                    return ex is IgtimiSignInRejectedException { Reason: SignInRejection.AccessDenied }
                        ? "Run Connect-Igtimi again and choose Authorize on the sign-in page, or sign in with -Credential or -AccessToken."
                        : "Run Connect-Igtimi again and finish the sign-in it starts; when pasting, paste the whole address the browser " +
                          "was sent to, unchanged. If you did not start that sign-in, someone may be trying to slip you their session.";
                case IgtimiErrorKind.NotOffered:
                    return "This server's dialect of the API has no such endpoint. Get-IgtimiConnection shows the dialect (Flavor); see about_IgtimiPS for what each offers.";
            }
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

        /// <summary>The ErrorId a failure gets when the caller names none.</summary>
        public static string ErrorIdFor(IgtimiApiException ex)
        {
            switch (ex.Kind)
            {
                case IgtimiErrorKind.Timeout: return ErrorIds.RequestTimedOut;
                case IgtimiErrorKind.Unreachable: return ErrorIds.ServerUnreachable;
                case IgtimiErrorKind.Certificate: return ErrorIds.CertificateRejected;
                case IgtimiErrorKind.InvalidResponse:
                case IgtimiErrorKind.ProtocolViolation: return ErrorIds.InvalidResponse;
                case IgtimiErrorKind.NotOffered: return ErrorIds.NotOffered;
                case IgtimiErrorKind.SignInRejected:
                    return ex is IgtimiSignInRejectedException { Reason: SignInRejection.AccessDenied } ? ErrorIds.SignInDenied : ErrorIds.SignInStateMismatch;
                default: return ErrorIds.ApiRequestFailed;
            }
        }

        public static ErrorCategory CategoryFor(IgtimiApiException ex)
        {
            switch (ex.Kind)
            {
                case IgtimiErrorKind.Timeout: return ErrorCategory.OperationTimeout;
                case IgtimiErrorKind.Unreachable:
                case IgtimiErrorKind.Network: return ErrorCategory.ConnectionError;
                case IgtimiErrorKind.Certificate:
                case IgtimiErrorKind.SignInRejected: return ErrorCategory.SecurityError;
                case IgtimiErrorKind.InvalidResponse: return ErrorCategory.InvalidData;
                case IgtimiErrorKind.ProtocolViolation: return ErrorCategory.ProtocolError;
                case IgtimiErrorKind.ApiError: return ErrorCategory.InvalidOperation;
                case IgtimiErrorKind.NotOffered: return ErrorCategory.NotImplemented;
                default: return CategoryFor(ex.StatusCode);
            }
        }

        public static ErrorRecord FromApiException(IgtimiApiException ex, string? errorId, object? target)
        {
            var record = new ErrorRecord(ex, errorId ?? ErrorIdFor(ex), CategoryFor(ex), target);
            record.ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = RecommendedActionFor(ex) };
            return record;
        }

        /// <summary>
        /// The error for a failed read of an archive (Import-IgtimiArchive, Export-IgtimiRace -Archive): a missing folder, a folder
        /// that is not an archive, a file that cannot be read. Null for any other exception.
        /// </summary>
        public static ErrorRecord? ForArchiveRead(Exception ex, string folder)
        {
            switch (ex)
            {
                case DirectoryNotFoundException _:
                    return Create(ex.Message, ErrorIds.NotFound, ErrorCategory.ObjectNotFound, folder, inner: ex);
                case InvalidDataException _:
                    return Create(ex.Message, ErrorIds.ArchiveInvalid, ErrorCategory.InvalidData, folder,
                        "Give the folder of an archive Save-IgtimiData wrote.", inner: ex);
                case IOException _:
                    return Create($"Could not read the archive '{folder}': {ex.Message}", ErrorIds.ArchiveInvalid, ErrorCategory.ReadError, folder,
                        inner: ex);
                default:
                    return null;
            }
        }

        public static ErrorRecord Create(string message, string errorId, ErrorCategory category, object? target, string? recommendedAction = null,
            Exception? inner = null)
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
