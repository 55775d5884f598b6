using System.Security.Cryptography;
using System.Text;

namespace Igtimi.Emulator.Oauth;

/// <summary>The server side of PKCE (RFC 7636): which challenges an authorize request may carry, and whether a verifier matches one.</summary>
internal static class Pkce
{
    public const string Plain = "plain";
    public const string S256 = "S256";

    /// <summary>Null when the challenge (if any) is usable, else the OAuth error for the redirect (RFC 7636 section 4.4.1).</summary>
    public static (string Error, string Description)? ChallengeError(string? challenge, string? method)
    {
        if (challenge is null)
            return method is null ? null : ("invalid_request", "code_challenge_method was given without code_challenge.");
        if (method is not null and not (Plain or S256))
            return ("invalid_request", "Transform algorithm not supported: code_challenge_method must be S256 or plain.");
        if (!IsVerifierShaped(challenge))
            return ("invalid_request", "code_challenge must be 43 to 128 characters of A-Z, a-z, 0-9, '-', '.', '_' and '~'.");
        return null;
    }

    /// <summary>RFC 7636 section 4.6: the verifier, transformed by the method, equals the challenge.</summary>
    public static bool Verifies(string challenge, string method, string? verifier)
    {
        if (verifier is null || !IsVerifierShaped(verifier))
            return false;
        string computed = method == S256
            ? Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_')
            : verifier;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(challenge));
    }

    /// <summary>code-verifier = 43*128unreserved (RFC 7636 section 4.1); a challenge has the same shape.</summary>
    private static bool IsVerifierShaped(string value) =>
        value.Length is >= 43 and <= 128 && value.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.' or '_' or '~');
}
