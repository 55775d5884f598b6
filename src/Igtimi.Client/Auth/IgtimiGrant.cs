using System;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Duende.IdentityModel.Client;
using Igtimi.Client.Http;

namespace Igtimi.Client.Auth
{
    /// <summary>One way of obtaining an access token.</summary>
    public abstract class IgtimiGrant
    {
        public abstract AuthenticationMethod Method { get; }

        public virtual string? ClientId => null;

        internal abstract Task<string> AcquireTokenAsync(IgtimiHttp http, CancellationToken cancellationToken);

        internal static string NewState()
        {
            var bytes = new byte[16];
            using (var random = RandomNumberGenerator.Create()) random.GetBytes(bytes);
            return BitConverter.ToString(bytes).Replace("-", "").ToLowerInvariant();
        }

        /// <summary>Turns a token endpoint error into the module's exception, without secrets.</summary>
        internal static async Task<string> RequestTokenAsync(IgtimiHttp http, Func<CancellationToken, Task<TokenResponse>> send, string grantName,
            CancellationToken cancellationToken)
        {
            var tokenUri = Redactor.RedactUri(OAuthEndpoints.Token(http.SiteUri));
            IgtimiTrace.Verbose($"POST {tokenUri} ({grantName} grant)");
            TokenResponse response;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(http.Timeout);
                try
                {
                    response = await send(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new IgtimiApiException($"POST {tokenUri} timed out after {http.Timeout.TotalSeconds:0} s.", null, null, null, "POST", tokenUri) { IsTimeout = true };
                }
            }
            if (response.ErrorType == ResponseErrorType.Exception)
            {
                var unreachable = response.Exception is System.Net.Http.HttpRequestException;
                throw new IgtimiApiException($"POST {tokenUri} failed: {Redactor.Redact(response.Error)}", null, null, null, "POST", tokenUri)
                    { IsUnreachable = unreachable };
            }
            IgtimiTrace.Debug($"{(int)response.HttpStatusCode} from POST {tokenUri}");
            if (response.IsError || string.IsNullOrEmpty(response.AccessToken))
            {
                // Duende reports a non-400 status by its reason phrase; the server's own JSON error is more useful.
                var (bodyError, bodyDescription) = ApiErrorBody.Parse(response.Raw);
                var error = bodyError ?? response.Error ?? "no_access_token";
                var description = bodyDescription ?? response.ErrorDescription ?? (response.IsError ? response.HttpErrorReason : "The token response carried no access_token.");
                var status = response.HttpStatusCode == 0 ? (System.Net.HttpStatusCode?)null : response.HttpStatusCode;
                throw new IgtimiApiException($"The {grantName} grant failed at POST {tokenUri}: {error}" + (description is null ? "." : $" ({description})."),
                    status, error, description, "POST", tokenUri, Redactor.Redact(response.Raw));
            }
            return response.AccessToken!;
        }
    }

    /// <summary>A token the user already has.</summary>
    public sealed class AccessTokenGrant : IgtimiGrant
    {
        private readonly string _token;
        private readonly AuthenticationMethod _method;

        public AccessTokenGrant(string accessToken, AuthenticationMethod method = AuthenticationMethod.AccessToken)
        {
            if (string.IsNullOrWhiteSpace(accessToken)) throw new ArgumentException("The access token is empty.", nameof(accessToken));
            _token = accessToken.Trim();
            _method = method;
        }

        public override AuthenticationMethod Method => _method;

        internal override Task<string> AcquireTokenAsync(IgtimiHttp http, CancellationToken cancellationToken) => Task.FromResult(_token);
    }

    /// <summary>The resource owner password grant.</summary>
    public sealed class PasswordGrant : IgtimiGrant
    {
        private readonly string _clientId;
        private readonly string? _clientSecret;
        private readonly string _userName;
        private readonly string _password;

        public PasswordGrant(string clientId, string? clientSecret, string userName, string password)
        {
            if (string.IsNullOrWhiteSpace(clientId)) throw new ArgumentException("The client id is empty.", nameof(clientId));
            if (string.IsNullOrWhiteSpace(userName)) throw new ArgumentException("The user name is empty.", nameof(userName));
            _clientId = clientId;
            _clientSecret = clientSecret;
            _userName = userName;
            _password = password ?? "";
        }

        public override AuthenticationMethod Method => AuthenticationMethod.Password;
        public override string? ClientId => _clientId;

        internal override Task<string> AcquireTokenAsync(IgtimiHttp http, CancellationToken cancellationToken) =>
            RequestTokenAsync(http, ct => http.Client.RequestPasswordTokenAsync(new PasswordTokenRequest
            {
                Address = OAuthEndpoints.Token(http.SiteUri).AbsoluteUri,
                ClientId = _clientId,
                ClientSecret = _clientSecret,
                ClientCredentialStyle = ClientCredentialStyle.PostBody,
                UserName = _userName,
                Password = _password,
            }, ct), "password", cancellationToken);
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
            var (response, redirectUri) = await _signIn.RunAsync(http.SiteUri, cancellationToken).ConfigureAwait(false);
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
            var (response, _) = await _signIn.RunAsync(http.SiteUri, cancellationToken).ConfigureAwait(false);
            // The out-of-band page labels the token "Authorization code:", so a bare pasted value arrives as a code.
            var token = response.AccessToken ?? response.Code;
            if (string.IsNullOrEmpty(token))
                throw new IgtimiApiException("The sign-in returned no access token.", null, "invalid_response", null, "GET", null);
            return token!;
        }
    }
}
