using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Auth;
using Igtimi.Client.Http;
using Igtimi.Client.Json;
using Igtimi.Client.Models;

namespace Igtimi.Client.Dialects.Sap
{
    internal sealed partial class SapDialect
    {
        private const string AccessTokenPath = "security/api/restsecurity/access_token";

        /// <summary>
        /// A token as given, nothing for anonymous, or a user name and password exchanged for the user's
        /// access token at the security API (form POST; HTTP Basic when the form is refused). SAP's
        /// server has no OAuth2, so the code and implicit grants are not offered.
        /// </summary>
        public async Task<string?> SignInAsync(IgtimiGrant grant, CancellationToken cancellationToken)
        {
            switch (grant)
            {
                case AnonymousGrant _:
                    return null;
                case PasswordGrant password:
                    if (password.ClientId != null)
                        IgtimiTrace.Warning("SAP's server has no OAuth2 apps; -ClientId and -ClientSecret are not used there.");
                    return await RequestAccessTokenAsync(password.UserName, password.Password, cancellationToken).ConfigureAwait(false);
                case AccessTokenGrant _:
                    return await grant.AcquireTokenAsync(_http, cancellationToken).ConfigureAwait(false);
                default:
                    throw NotOffered($"the {grant.Method} sign-in (OAuth2)", "Sign in with -Credential (an SAP user name and password) or -AccessToken.");
            }
        }

        private async Task<string> RequestAccessTokenAsync(string userName, string password, CancellationToken cancellationToken)
        {
            var form = new IgtimiRequest(HttpMethod.Post, AccessTokenPath, IgtimiEndpointRoot.Site)
            {
                Authenticated = false,
                Body = IgtimiRequestBody.FromForm(new[]
                {
                    new KeyValuePair<string, string>("username", userName),
                    new KeyValuePair<string, string>("password", password),
                }),
            };
            try
            {
                return await ReadAccessTokenAsync(form, cancellationToken).ConfigureAwait(false);
            }
            catch (IgtimiApiException ex) when (ex.StatusCode == HttpStatusCode.Unauthorized)
            {
                IgtimiTrace.Verbose("The security API refused the form sign-in; trying HTTP Basic once.");
            }
            var basic = new IgtimiRequest(HttpMethod.Get, AccessTokenPath, IgtimiEndpointRoot.Site)
            {
                Authenticated = false,
                Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(userName + ":" + password))),
            };
            try
            {
                return await ReadAccessTokenAsync(basic, cancellationToken).ConfigureAwait(false);
            }
            catch (IgtimiApiException ex) when (ex.StatusCode == HttpStatusCode.Unauthorized)
            {
                // Not tried again: a failed password locks the user on SAP's server for a while.
                throw new IgtimiApiException($"SAP's security API refused the user name and password of '{SafeText.Excerpt(userName, 60)}' (401). " +
                                             "Check them; after a failed sign-in the server locks the user for a growing time, so wait before trying again.",
                    ex.StatusCode, "invalid_credentials", "the user name or password was refused", ex.Method, ex.RequestUri, kind: IgtimiErrorKind.HttpStatus);
            }
        }

        private async Task<string> ReadAccessTokenAsync(IgtimiRequest request, CancellationToken cancellationToken)
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            using var document = await ApiJson.ParseAsync(response, cancellationToken).ConfigureAwait(false);
            var root = document.RootElement;
            var token = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("access_token", out var t) && t.ValueKind == JsonValueKind.String
                ? t.GetString() : null;
            try
            {
                return AccessTokens.Validate(token, "from SAP's security API");
            }
            catch (ArgumentException ex)
            {
                throw response.Invalid(ex.Message);
            }
        }

        /// <summary>
        /// Whoami: the security API answers a good token with the user's name and a bad one with 401.
        /// The REST API itself never refuses a token (it serves it as anonymous), so this is the proof.
        /// </summary>
        public async Task<IgtimiUser> GetAccountAsync(CancellationToken cancellationToken)
        {
            if (_token() is null) return new IgtimiUser { UserName = AnonymousUser };
            var request = new IgtimiRequest(HttpMethod.Get, AccessTokenPath, IgtimiEndpointRoot.Site);
            IgtimiResponse response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (IgtimiApiException ex) when (ex.StatusCode == HttpStatusCode.Unauthorized)
            {
                // Not retried: each failed token locks this address on SAP's server for a growing time.
                throw new IgtimiApiException($"SAP's security API refused the access token (401 at {ex.RequestUri}). " +
                                             "Without a valid token the server answers every request as its anonymous user, with empty lists; " +
                                             "get a new token (Connect-Igtimi -Credential) or check the one you gave. After a refused token the server " +
                                             "locks this address for a growing time, in which even a good token is refused: wait a few seconds before trying again.",
                    ex.StatusCode, "invalid_token", "the access token was refused", ex.Method, ex.RequestUri, kind: IgtimiErrorKind.HttpStatus);
            }
            using (response)
            {
                using var document = await ApiJson.ParseAsync(response, cancellationToken).ConfigureAwait(false);
                var root = document.RootElement;
                var name = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("username", out var u) && u.ValueKind == JsonValueKind.String
                    ? u.GetString() : null;
                if (string.IsNullOrWhiteSpace(name)) throw response.Invalid("the answer names no user (no 'username')");
                return new IgtimiUser { UserName = SafeText.Excerpt(name!.Trim(), 200) };
            }
        }
    }
}
