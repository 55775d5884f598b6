using Igtimi.Client.Http;

namespace Igtimi.Client.Auth
{
    /// <summary>Why a browser sign-in's answer was not used.</summary>
    public enum SignInRejection
    {
        /// <summary>The user (or the server) refused the app: <c>error=access_denied</c> on the redirect.</summary>
        AccessDenied,

        /// <summary>The answer carried another <c>state</c> than this sign-in sent.</summary>
        StateMismatch,

        /// <summary>The answer carried no <c>state</c> at all, where this sign-in's redirect would have.</summary>
        StateMissing,
    }

    /// <summary>
    /// A browser sign-in whose answer was refused for safety: it was denied, or it may not come from this
    /// sign-in (RFC 6749 section 10.12: a redirect without our state could carry someone else's code).
    /// </summary>
    public sealed class IgtimiSignInRejectedException : IgtimiApiException
    {
        public IgtimiSignInRejectedException(SignInRejection reason, string message, string? serverError = null, string? serverDescription = null)
            : base(message, null, serverError ?? CodeOf(reason), serverDescription, "GET", null, kind: IgtimiErrorKind.SignInRejected)
        {
            Reason = reason;
        }

        public SignInRejection Reason { get; }

        private static string CodeOf(SignInRejection reason) =>
            reason == SignInRejection.AccessDenied ? "access_denied" : reason == SignInRejection.StateMissing ? "state_missing" : "state_mismatch";
    }
}
