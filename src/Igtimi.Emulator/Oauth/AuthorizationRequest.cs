namespace Igtimi.Emulator.Oauth;

/// <summary>
/// The parameters of an authorize request (GET query or POSTed approval form) whose client and redirect
/// URI are valid, so that errors from here on may be sent to the redirect URI.
/// </summary>
internal sealed record AuthorizationRequest(OAuthApp App, string RedirectUri, string? ResponseType, string? State,
    string? CodeChallenge = null, string? CodeChallengeMethod = null)
{
    public const string CodeResponse = "code";
    public const string TokenResponse = "token";

    public bool IsOob => RedirectUri == EmulatorCredentials.OobRedirectUri;

    /// <summary>Implicit grant results and errors go in the fragment, as Doorkeeper did.</summary>
    public bool UsesFragment => ResponseType == TokenResponse;

    /// <summary>The PKCE method in force (RFC 7636 section 4.3: <c>plain</c> when a challenge comes without one).</summary>
    public string? EffectiveChallengeMethod => CodeChallenge is null ? null : CodeChallengeMethod ?? Pkce.Plain;

    /// <summary>Null when the response type (and a PKCE challenge, if any) is usable, else the OAuth error code and description.</summary>
    public (string Error, string Description)? ResponseTypeError => ResponseType switch
    {
        CodeResponse => Pkce.ChallengeError(CodeChallenge, CodeChallengeMethod),
        TokenResponse => null,
        null or "" => ("invalid_request", "Missing required parameter: response_type."),
        _ => ("unsupported_response_type", "The authorization server does not support this response type."),
    };

    /// <summary>
    /// Reads and checks client_id and redirect_uri. On failure returns null and a message for an
    /// HTML error page: an unverified redirect URI must never be redirected to.
    /// </summary>
    public static AuthorizationRequest? Read(EmulatorWorld world, Func<string, string?> parameter, out string? error)
    {
        string? clientId = parameter("client_id");
        string? redirectUri = parameter("redirect_uri");
        error = null;
        if (string.IsNullOrEmpty(clientId) || world.FindApp(clientId) is not { } app)
            error = "Client authentication failed due to unknown client (client_id is missing or not registered).";
        else if (string.IsNullOrEmpty(redirectUri))
            error = "Missing required parameter: redirect_uri.";
        else if (!RedirectUriMatcher.IsRegistered(app, redirectUri))
            error = "The redirect uri included is not valid: it is not registered for this application.";
        else
            return new AuthorizationRequest(app, redirectUri, parameter("response_type"), NullIfEmpty(parameter("state")),
                NullIfEmpty(parameter("code_challenge")), NullIfEmpty(parameter("code_challenge_method")));
        return null;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
