using System.Net;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace Igtimi.Emulator.Oauth;

/// <summary>
/// <c>POST /oauth/token</c> (Doorkeeper style) for the <c>authorization_code</c>, <c>password</c> and
/// <c>client_credentials</c> grants (the last gives a token without a user, docs/design/igtimi-api-2013.md section 2.2). Client credentials come from the form or HTTP Basic. Tokens never expire, so the answer has
/// no <c>expires_in</c> and no refresh token.
/// </summary>
internal static class TokenEndpoint
{
    public const string Path = "/oauth/token";

    private const string InvalidClient =
        "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.";
    private const string InvalidGrant =
        "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, " +
        "or was issued to another client.";

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Path, IssueAsync);

    private static async Task<IResult> IssueAsync(HttpContext http, EmulatorWorld world, AuthorizationCodes codes)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        if (!http.Request.HasFormContentType)
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "The request body must be application/x-www-form-urlencoded.");
        var form = await http.Request.ReadFormAsync(http.RequestAborted);

        var client = ReadClientCredentials(http.Request, form);
        var oauthApp = client.Id is null ? null : world.FindApp(client.Id);
        if (oauthApp is null || client.Secret is null || !SecretGenerator.FixedTimeEquals(oauthApp.ClientSecret, client.Secret))
        {
            if (client.ViaBasicAuth)
                http.Response.Headers.WWWAuthenticate = "Basic realm=\"Igtimi\"";
            return Error(StatusCodes.Status401Unauthorized, "invalid_client", InvalidClient);
        }

        string? grantType = Field(form, "grant_type");
        return grantType switch
        {
            null => MissingParameter("grant_type"),
            "authorization_code" => RedeemCode(world, codes, oauthApp, form),
            "password" => CheckPassword(world, oauthApp, form),
            "client_credentials" => Success(world.IssueAppToken(oauthApp)),
            _ => Error(StatusCodes.Status400BadRequest, "unsupported_grant_type",
                "The authorization grant type is not supported by the authorization server."),
        };
    }

    private static IResult RedeemCode(EmulatorWorld world, AuthorizationCodes codes, OAuthApp oauthApp, IFormCollection form)
    {
        if (Field(form, "code") is not { } code)
            return MissingParameter("code");
        if (Field(form, "redirect_uri") is not { } redirectUri)
            return MissingParameter("redirect_uri");
        // As in Doorkeeper, a code is used up only by a successful exchange (client, redirect URI and PKCE verifier match).
        // A code issued without a challenge needs no verifier, as on igtimi.com, which predates PKCE.
        string? verifier = Field(form, "code_verifier");
        if (!codes.TryTake(code, b => b.ClientId == oauthApp.ClientId && b.RedirectUri == redirectUri
                                      && (b.CodeChallenge is null || Pkce.Verifies(b.CodeChallenge, b.ChallengeMethod!, verifier)), out var binding)
            || world.FindUser(binding.UserId) is not { } user)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_grant", InvalidGrant);
        }
        return Success(world.IssueToken(user, oauthApp));
    }

    private static IResult CheckPassword(EmulatorWorld world, OAuthApp oauthApp, IFormCollection form)
    {
        if (Field(form, "username") is not { } username)
            return MissingParameter("username");
        if (Field(form, "password") is not { } password)
            return MissingParameter("password");
        return world.FindUserByCredentials(username, password) is { } user
            ? Success(world.IssueToken(user, oauthApp))
            : Error(StatusCodes.Status400BadRequest, "invalid_grant", InvalidGrant);
    }

    private static IResult Success(IssuedToken token) => Results.Json(new
    {
        access_token = token.Value,
        token_type = "bearer",
        created_at = token.CreatedAt.ToUnixTimeSeconds(),
    });

    private static IResult MissingParameter(string name) =>
        Error(StatusCodes.Status400BadRequest, "invalid_request", $"Missing required parameter: {name}.");

    private static IResult Error(int status, string error, string description) =>
        Results.Json(new { error, error_description = description }, statusCode: status);

    private static string? Field(IFormCollection form, string name)
    {
        string? value = form[name];
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>
    /// Client id and secret from <c>Authorization: Basic</c> (each part form-url-encoded, RFC 6749 §2.3.1),
    /// else from the <c>client_id</c> and <c>client_secret</c> form fields.
    /// </summary>
    private static (string? Id, string? Secret, bool ViaBasicAuth) ReadClientCredentials(HttpRequest request, IFormCollection form)
    {
        string? header = request.Headers[HeaderNames.Authorization];
        const string scheme = "Basic ";
        if (header is null || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            return (Field(form, "client_id"), Field(form, "client_secret"), false);

        var bytes = new byte[header.Length];
        if (!Convert.TryFromBase64String(header[scheme.Length..].Trim(), bytes, out int length))
            return (null, null, true);
        string decoded = Encoding.UTF8.GetString(bytes, 0, length);
        int colon = decoded.IndexOf(':');
        return colon < 0
            ? (null, null, true)
            : (WebUtility.UrlDecode(decoded[..colon]), WebUtility.UrlDecode(decoded[(colon + 1)..]), true);
    }
}
