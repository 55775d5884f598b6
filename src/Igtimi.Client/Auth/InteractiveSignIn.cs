using System;
using System.Threading;
using System.Threading.Tasks;
using Duende.IdentityModel.Client;
using Igtimi.Client.Http;

namespace Igtimi.Client.Auth
{
    /// <summary>
    /// The browser part of the code and token grants: builds the authorize URL, then either captures
    /// the redirect on a loopback listener or asks the user to paste it back.
    /// </summary>
    internal sealed class InteractiveSignIn
    {
        public static readonly TimeSpan BrowserTimeout = TimeSpan.FromMinutes(5);

        private readonly string _clientId;
        private readonly string _responseType;
        private readonly string _redirectUri;
        private readonly bool _noBrowser;
        private readonly IAuthorizationInteraction _interaction;

        public InteractiveSignIn(string clientId, string responseType, string? redirectUri, bool noBrowser, IAuthorizationInteraction interaction)
        {
            _clientId = clientId;
            _responseType = responseType;
            _redirectUri = string.IsNullOrWhiteSpace(redirectUri) ? OAuthEndpoints.OutOfBandRedirectUri : redirectUri!.Trim();
            _noBrowser = noBrowser;
            _interaction = interaction ?? throw new ArgumentNullException(nameof(interaction));
            if (!OAuthEndpoints.IsOutOfBand(_redirectUri) && !Uri.IsWellFormedUriString(_redirectUri, UriKind.Absolute))
                throw new ArgumentException($"The redirect URI '{_redirectUri}' is not an absolute URI.", nameof(redirectUri));
        }

        /// <summary>
        /// Runs the browser part; for the code grant also returns the PKCE verifier the token request must carry.
        /// </summary>
        public async Task<(AuthorizationResponse Response, string RedirectUri, string? CodeVerifier)> RunAsync(Uri baseUri, CancellationToken cancellationToken)
        {
            var state = IgtimiGrant.NewState();
            var pkce = _responseType == "code" ? Pkce.Create() : null;
            var bareName = _responseType == "code" ? "code" : "access_token";

            if (OAuthEndpoints.IsLoopback(_redirectUri) && !_noBrowser)
            {
                using var listener = LoopbackRedirectListener.Start(_redirectUri);
                var redirect = listener.RedirectUri.AbsoluteUri;
                var url = AuthorizeUrl(baseUri, redirect, state, pkce);
                IgtimiTrace.Verbose($"Listening for the sign-in redirect on {redirect}");
                if (_interaction.TryOpenBrowser(url))
                {
                    _interaction.Inform("Sign in to Igtimi in the browser window that opened. " +
                                        $"Waiting up to {BrowserTimeout.TotalMinutes:0} minutes for {redirect}.");
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timeout.CancelAfter(BrowserTimeout);
                    try
                    {
                        var captured = await listener.WaitAsync(timeout.Token).ConfigureAwait(false);
                        return (Check(captured, state, bareAllowed: false), redirect, pkce?.Verifier);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        throw new TimeoutException($"No sign-in arrived at {redirect} within {BrowserTimeout.TotalMinutes:0} minutes.");
                    }
                }
                _interaction.Inform("No browser could be opened; continuing with copy and paste.");
                var pasted = await _interaction.ReadPastedResponseAsync(url,
                    "Open the URL in a browser, sign in, then paste the address the browser was sent to (it starts with " + redirect + ")",
                    cancellationToken).ConfigureAwait(false);
                return (Check(AuthorizationResponse.FromPasted(pasted, bareName), state, bareAllowed: false), redirect, pkce?.Verifier);
            }

            var authorizeUrl = AuthorizeUrl(baseUri, _redirectUri, state, pkce);
            if (!_noBrowser) _interaction.TryOpenBrowser(authorizeUrl);
            var outOfBand = OAuthEndpoints.IsOutOfBand(_redirectUri);
            var instructions = outOfBand
                ? "Open the URL in a browser, sign in and approve, then paste the value shown after 'Authorization code:'"
                : "Open the URL in a browser, sign in and approve, then paste the whole address the browser was sent to";
            var text = await _interaction.ReadPastedResponseAsync(authorizeUrl, instructions, cancellationToken).ConfigureAwait(false);
            return (Check(AuthorizationResponse.FromPasted(text, bareName), state, bareAllowed: outOfBand), _redirectUri, pkce?.Verifier);
        }

        private Uri AuthorizeUrl(Uri baseUri, string redirectUri, string state, Pkce? pkce) =>
            new Uri(new RequestUrl(OAuthEndpoints.Authorize(baseUri).AbsoluteUri)
                .CreateAuthorizeUrl(clientId: _clientId, responseType: _responseType, redirectUri: redirectUri, state: state,
                    codeChallenge: pkce?.Challenge, codeChallengeMethod: pkce is null ? null : Pkce.Method));

        /// <summary>
        /// An answer must return the state that was sent (RFC 6749 section 10.12), else it may be someone else's code
        /// planted in this sign-in. Only the out-of-band page's bare value has no state to return; PKCE binds that code
        /// to this sign-in instead. An error without a state is still reported as the error: it carries nothing to sign in with.
        /// </summary>
        private static AuthorizationResponse Check(AuthorizationResponse response, string state, bool bareAllowed)
        {
            if (response.State != null && !string.Equals(response.State, state, StringComparison.Ordinal))
                throw new IgtimiSignInRejectedException(SignInRejection.StateMismatch,
                    "The sign-in answer carried a different 'state' than this sign-in sent, so it may come from another sign-in " +
                    "(or an attacker's) and was not used. Run Connect-Igtimi again and complete the sign-in it opens.");
            if (response.Error != null)
            {
                var described = response.ErrorDescription is null ? "." : $" ({response.ErrorDescription}).";
                if (string.Equals(response.Error, "access_denied", StringComparison.Ordinal))
                    throw new IgtimiSignInRejectedException(SignInRejection.AccessDenied,
                        "The sign-in was denied: access_denied" + described + " Approve the app on the sign-in page, or sign in another way.",
                        response.Error, response.ErrorDescription);
                throw new IgtimiApiException($"The sign-in was refused: {response.Error}" + described,
                    null, response.Error, response.ErrorDescription, "GET", null);
            }
            if (response.State is null && !(bareAllowed && response.IsBareValue))
                throw new IgtimiSignInRejectedException(SignInRejection.StateMissing, response.IsBareValue
                    ? "Only a value was pasted, but this sign-in's redirect carries a 'state' that must be checked. " +
                      "Paste the whole address the browser was sent to."
                    : "The sign-in answer carries no 'state', so it cannot be told from another sign-in's and was not used. " +
                      "Paste the whole address the browser was sent to by this sign-in, unchanged.");
            return response;
        }
    }
}
