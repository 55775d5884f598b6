using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Duende.IdentityModel.Client;
using Igtimi.Client.Http;

namespace Igtimi.Client.Auth
{
    /// <summary>
    /// One way of signing in. The connection's dialect decides what it means on its server (OAuth2 on
    /// igtimi.com, SAP's access tokens on SAP's server); <see cref="AcquireTokenAsync"/> is the OAuth2 way.
    /// </summary>
    public abstract class IgtimiGrant
    {
        public abstract AuthenticationMethod Method { get; }

        public virtual string? ClientId => null;

        /// <summary>False for a grant whose token has no user (client_credentials): <c>account</c> is then not asked.</summary>
        internal virtual bool ActsForUser => true;

        /// <summary>The token by igtimi.com's OAuth2 (the grant's own kind).</summary>
        internal abstract Task<string> AcquireTokenAsync(IgtimiHttp http, CancellationToken cancellationToken);

        internal static string NewState()
        {
            var bytes = new byte[16];
            using (var random = RandomNumberGenerator.Create()) random.GetBytes(bytes);
            return BitConverter.ToString(bytes).Replace("-", "").ToLowerInvariant();
        }

        /// <summary>
        /// Sends a token request through the OAuth library and turns every outcome that is not a
        /// usable token into the module's exception: the server's own JSON error when it gave one, an
        /// invalid answer (HTML, truncated JSON, a token a header cannot carry) when it answered
        /// wrongly, and a transport failure (timeout, unreachable, certificate) when it did not.
        /// </summary>
        internal static async Task<string> RequestTokenAsync(IgtimiHttp http, Func<CancellationToken, Task<TokenResponse>> send, string grantName,
            CancellationToken cancellationToken)
        {
            var tokenUri = Redactor.RedactUri(OAuthEndpoints.Token(http.SiteUri));
            IgtimiTrace.Verbose($"POST {tokenUri} ({grantName} grant)");
            var response = await send(cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            var status = response.HttpResponse is null || response.HttpStatusCode == 0 ? (HttpStatusCode?)null : response.HttpStatusCode;
            var contentType = response.HttpResponse?.Content?.Headers.ContentType?.ToString();
            if (response.ErrorType == ResponseErrorType.Exception)
            {
                var exception = response.Exception ?? new IOException(response.Error ?? "unknown failure");
                if (status is null || TransportFailure.Find<IOException>(exception) != null || TransportFailure.Find<HttpRequestException>(exception) != null)
                    throw TransportFailure.From(exception, "POST", tokenUri, null);
                throw IgtimiResponse.InvalidResponse("POST", tokenUri, status, contentType,
                    $"the {grantName} grant's answer is not the JSON of a token response", SafeText.Excerpt(Redactor.Redact(response.Raw), 200));
            }
            IgtimiTrace.Debug($"{(int)response.HttpStatusCode} from POST {tokenUri}");
            var success = status.HasValue && (int)status.Value >= 200 && (int)status.Value < 300;
            if (response.IsError || string.IsNullOrEmpty(response.AccessToken))
            {
                // Duende reports a non-400 status by its reason phrase; the server's own JSON error is more useful.
                var (bodyError, bodyDescription) = ApiErrorBody.Parse(response.Raw);
                if (success && bodyError is null)
                    throw IgtimiResponse.InvalidResponse("POST", tokenUri, status, contentType, "the token response carries no access_token",
                        SafeText.Excerpt(Redactor.Redact(response.Raw), 200));
                var error = SafeText.Excerpt(bodyError ?? response.Error ?? "no_access_token", 200);
                var described = bodyDescription ?? response.ErrorDescription ?? (response.IsError ? response.HttpErrorReason : null);
                var description = described is null ? null : SafeText.Excerpt(described, 300);
                throw new IgtimiApiException($"The {grantName} grant failed at POST {tokenUri}: {error}" + (description is null ? "." : $" ({description})."),
                    status, error, description, "POST", tokenUri, Redactor.Redact(response.Raw));
            }
            try
            {
                return AccessTokens.Validate(response.AccessToken, "from the token endpoint");
            }
            catch (ArgumentException ex)
            {
                throw IgtimiResponse.InvalidResponse("POST", tokenUri, status, contentType, ex.Message, null);
            }
        }
    }

    /// <summary>A token the user already has.</summary>
    public sealed class AccessTokenGrant : IgtimiGrant
    {
        private readonly string _token;
        private readonly AuthenticationMethod _method;

        public AccessTokenGrant(string accessToken, AuthenticationMethod method = AuthenticationMethod.AccessToken)
        {
            _token = AccessTokens.Validate(accessToken, method == AuthenticationMethod.Environment ? "IGTIMI_ACCESS_TOKEN" : "-AccessToken");
            _method = method;
        }

        public override AuthenticationMethod Method => _method;

        internal override Task<string> AcquireTokenAsync(IgtimiHttp http, CancellationToken cancellationToken) => Task.FromResult(_token);
    }

    /// <summary>
    /// A user name and password: the OAuth2 password grant on igtimi.com (which needs the client id of
    /// a registered app), an SAP access token on SAP's server (which has no apps).
    /// </summary>
    public sealed class PasswordGrant : IgtimiGrant
    {
        private readonly string? _clientId;
        private readonly string? _clientSecret;

        public PasswordGrant(string? clientId, string? clientSecret, string userName, string password)
        {
            if (string.IsNullOrWhiteSpace(userName)) throw new ArgumentException("The user name is empty.", nameof(userName));
            _clientId = string.IsNullOrWhiteSpace(clientId) ? null : clientId;
            _clientSecret = clientSecret;
            UserName = userName;
            Password = password ?? "";
        }

        public override AuthenticationMethod Method => AuthenticationMethod.Password;
        public override string? ClientId => _clientId;

        internal string UserName { get; }
        internal string Password { get; }

        internal override Task<string> AcquireTokenAsync(IgtimiHttp http, CancellationToken cancellationToken)
        {
            if (_clientId is null)
                throw new ArgumentException("The password grant of igtimi.com needs the client id of a registered app (-ClientId), and its secret (-ClientSecret).");
            return RequestTokenAsync(http, ct => http.Client.RequestPasswordTokenAsync(new PasswordTokenRequest
            {
                Address = OAuthEndpoints.Token(http.SiteUri).AbsoluteUri,
                ClientId = _clientId,
                ClientSecret = _clientSecret,
                ClientCredentialStyle = ClientCredentialStyle.PostBody,
                UserName = UserName,
                Password = Password,
            }, ct), "password", cancellationToken);
        }
    }

    /// <summary>No sign-in at all: SAP's server serves what its anonymous user may read; igtimi.com has no such user.</summary>
    public sealed class AnonymousGrant : IgtimiGrant
    {
        public override AuthenticationMethod Method => AuthenticationMethod.Anonymous;

        internal override Task<string> AcquireTokenAsync(IgtimiHttp http, CancellationToken cancellationToken) =>
            throw IgtimiApiException.Of(IgtimiErrorKind.NotOffered,
                "The igtimi.com dialect has no anonymous access: every request needs a token. Sign in with -Credential, -AccessToken or an OAuth2 grant.",
                null, null);
    }

    /// <summary>The authorization code grant: browser sign-in, then the code exchanged for a token.</summary>
    public sealed class AuthorizationCodeGrant : IgtimiGrant
    {
        private readonly string _clientId;
        private readonly string? _clientSecret;
        private readonly InteractiveSignIn _signIn;

        public AuthorizationCodeGrant(string clientId, string? clientSecret, string? redirectUri, bool noBrowser, IAuthorizationInteraction interaction)
        {
            if (string.IsNullOrWhiteSpace(clientId)) throw new ArgumentException("The client id is empty.", nameof(clientId));
            _clientId = clientId;
            _clientSecret = clientSecret;
            _signIn = new InteractiveSignIn(clientId, "code", redirectUri, noBrowser, interaction);
        }

        public override AuthenticationMethod Method => AuthenticationMethod.AuthorizationCode;
        public override string? ClientId => _clientId;

        internal override async Task<string> AcquireTokenAsync(IgtimiHttp http, CancellationToken cancellationToken)
        {
            var (response, redirectUri, codeVerifier) = await _signIn.RunAsync(http.SiteUri, cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(response.Code))
                throw new IgtimiApiException("The sign-in returned no authorization code.", null, "invalid_response", null, "GET", null);
            return await RequestTokenAsync(http, ct => http.Client.RequestAuthorizationCodeTokenAsync(new AuthorizationCodeTokenRequest
            {
                Address = OAuthEndpoints.Token(http.SiteUri).AbsoluteUri,
                ClientId = _clientId,
                ClientSecret = _clientSecret,
                ClientCredentialStyle = ClientCredentialStyle.PostBody,
                Code = response.Code!,
                RedirectUri = redirectUri,
                CodeVerifier = codeVerifier,
            }, ct), "authorization code", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The implicit (token) grant: the token comes straight back from the browser sign-in.</summary>
    public sealed class ImplicitGrant : IgtimiGrant
    {
        private readonly string _clientId;
        private readonly InteractiveSignIn _signIn;

        public ImplicitGrant(string clientId, string? redirectUri, bool noBrowser, IAuthorizationInteraction interaction)
        {
            if (string.IsNullOrWhiteSpace(clientId)) throw new ArgumentException("The client id is empty.", nameof(clientId));
            _clientId = clientId;
            _signIn = new InteractiveSignIn(clientId, "token", redirectUri, noBrowser, interaction);
        }

        public override AuthenticationMethod Method => AuthenticationMethod.Implicit;
        public override string? ClientId => _clientId;

        internal override async Task<string> AcquireTokenAsync(IgtimiHttp http, CancellationToken cancellationToken)
        {
            var (response, _, _) = await _signIn.RunAsync(http.SiteUri, cancellationToken).ConfigureAwait(false);
            // The out-of-band page labels the token "Authorization code:", so a bare pasted value arrives as a code.
            var token = response.AccessToken ?? response.Code;
            if (string.IsNullOrEmpty(token))
                throw new IgtimiApiException("The sign-in returned no access token.", null, "invalid_response", null, "GET", null);
            return token!;
        }
    }

    /// <summary>
    /// OAuth2 client_credentials (docs/design/igtimi-api-2013.md section 2.2): the app's id and secret buy a token
    /// that acts for the app, not for a user. Nothing "for the user" is defined for it (account, the user's devices,
    /// groups, sessions, writes); the server decides what such a token may read.
    /// </summary>
    public sealed class ClientCredentialsGrant : IgtimiGrant
    {
        private readonly string _clientId;
        private readonly string _clientSecret;

        public ClientCredentialsGrant(string clientId, string clientSecret)
        {
            if (string.IsNullOrWhiteSpace(clientId)) throw new ArgumentException("The client id is empty.", nameof(clientId));
            if (string.IsNullOrEmpty(clientSecret)) throw new ArgumentException("The client_credentials grant needs the app's secret (-ClientSecret).");
            _clientId = clientId;
            _clientSecret = clientSecret;
        }

        public override AuthenticationMethod Method => AuthenticationMethod.ClientCredentials;
        public override string? ClientId => _clientId;
        internal override bool ActsForUser => false;

        internal override Task<string> AcquireTokenAsync(IgtimiHttp http, CancellationToken cancellationToken) =>
            RequestTokenAsync(http, ct => http.Client.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
            {
                Address = OAuthEndpoints.Token(http.SiteUri).AbsoluteUri,
                ClientId = _clientId,
                ClientSecret = _clientSecret,
                ClientCredentialStyle = ClientCredentialStyle.PostBody,
            }, ct), "client_credentials", cancellationToken);
    }
}
