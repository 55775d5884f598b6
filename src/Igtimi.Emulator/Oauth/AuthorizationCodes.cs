namespace Igtimi.Emulator.Oauth;

/// <summary>
/// An authorization code's binding: only this client, with this exact redirect URI, may redeem it, and, when the
/// authorize request had a PKCE challenge (RFC 7636), only with the verifier that matches it.
/// </summary>
internal sealed record AuthorizationCode(string ClientId, string RedirectUri, long UserId, string? CodeChallenge = null, string? ChallengeMethod = null);

/// <summary>Issued authorization codes: single use, valid for 10 minutes.</summary>
internal sealed class AuthorizationCodes(TimeProvider clock)
    : ExpiringStore<AuthorizationCode>(clock, TimeSpan.FromMinutes(10))
{
    public string Issue(AuthorizationCode binding)
    {
        string code = SecretGenerator.NewHex64();
        Add(code, binding);
        return code;
    }
}
