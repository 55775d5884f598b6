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

        public async Task<(AuthorizationResponse Response, string RedirectUri)> RunAsync(Uri baseUri, CancellationToken cancellationToken)
        {
            var state = IgtimiGrant.NewState();
            var bareName = _responseType == "code" ? "code" : "access_token";

            if (OAuthEndpoints.IsLoopback(_redirectUri) && !_noBrowser)
            {
                using var listener = LoopbackRedirectListener.Start(_redirectUri);
                var redirect = listener.RedirectUri.AbsoluteUri;
                var url = AuthorizeUrl(baseUri, redirect, state);
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
                        return (Check(captured, state, stateRequired: true), redirect);
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
                return (Check(AuthorizationResponse.FromPasted(pasted, bareName), state, stateRequired: false), redirect);
            }

            var authorizeUrl = AuthorizeUrl(baseUri, _redirectUri, state);
            if (!_noBrowser) _interaction.TryOpenBrowser(authorizeUrl);
            var instructions = OAuthEndpoints.IsOutOfBand(_redirectUri)
                ? "Open the URL in a browser, sign in and approve, then paste the value shown after 'Authorization code:'"
                : "Open the URL in a browser, sign in and approve, then paste the whole address the browser was sent to";
            var text = await _interaction.ReadPastedResponseAsync(authorizeUrl, instructions, cancellationToken).ConfigureAwait(false);
            return (Check(AuthorizationResponse.FromPasted(text, bareName), state, stateRequired: false), _redirectUri);
        }

        private Uri AuthorizeUrl(Uri baseUri, string redirectUri, string state) =>
            new Uri(new RequestUrl(OAuthEndpoints.Authorize(baseUri).AbsoluteUri)
                .CreateAuthorizeUrl(clientId: _clientId, responseType: _responseType, redirectUri: redirectUri, state: state));

        /// <summary>A redirect must return our state; a bare pasted code (out-of-band page) has none to check.</summary>
        private static AuthorizationResponse Check(AuthorizationResponse response, string state, bool stateRequired)
        {
            if (response.Error != null)
                throw new IgtimiApiException($"The sign-in was refused: {response.Error}" +
                                             (response.ErrorDescription is null ? "." : $" ({response.ErrorDescription})."),
                    null, response.Error, response.ErrorDescription, "GET", null);
            if ((stateRequired || response.State != null) && !string.Equals(response.State, state, StringComparison.Ordinal))
                throw new IgtimiApiException("The sign-in redirect carried a different 'state' than was sent; " +
                                             "it may not come from this sign-in, so it was rejected.",
                    null, "state_mismatch", null, "GET", null);
            return response;
        }
    }
}
