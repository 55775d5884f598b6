using System;
using System.Security.Cryptography;
using System.Text;
using Duende.IdentityModel;

namespace Igtimi.Client.Auth
{
    /// <summary>
    /// Proof Key for Code Exchange (RFC 7636), which RFC 8252 section 8.1 asks of native apps: a fresh
    /// high-entropy verifier per sign-in and its S256 challenge. A server that predates PKCE (igtimi.com)
    /// ignores both parameters, so sending them costs nothing there.
    /// </summary>
    internal sealed class Pkce
    {
        public const string Method = OidcConstants.CodeChallengeMethods.Sha256;

        private Pkce(string verifier)
        {
            Verifier = verifier;
            Challenge = ChallengeOf(verifier);
        }

        /// <summary>43 characters of base64url from 32 random bytes (RFC 7636 section 4.1 asks for 43 to 128 unreserved characters).</summary>
        public string Verifier { get; }

        public string Challenge { get; }

        public static Pkce Create() => new Pkce(CryptoRandom.CreateUniqueId(32, CryptoRandom.OutputFormat.Base64Url));

        /// <summary>BASE64URL(SHA256(ASCII(code_verifier))), RFC 7636 section 4.2.</summary>
        public static string ChallengeOf(string verifier)
        {
            using var sha = SHA256.Create();
            // Duende.IdentityModel keeps its base64url encoder internal.
            return Convert.ToBase64String(sha.ComputeHash(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        }
    }
}
