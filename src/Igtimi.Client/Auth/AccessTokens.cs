using System;
using Igtimi.Client.Http;

namespace Igtimi.Client.Auth
{
    /// <summary>What an access token may look like before it goes into an Authorization header.</summary>
    public static class AccessTokens
    {
        /// <summary>Igtimi's tokens are 64 hex digits and SAP's are short; 4096 leaves room for any bearer token.</summary>
        public const int MaxLength = 4096;

        public static bool IsValid(string token) => token.Length > 0 && token.Length <= MaxLength && SafeText.IsVisibleAscii(token, allowSpace: false);

        /// <summary>The token trimmed, or an ArgumentException that says what is wrong without showing it.</summary>
        public static string Validate(string? token, string source)
        {
            var trimmed = token?.Trim() ?? "";
            if (trimmed.Length == 0) throw new ArgumentException($"The access token ({source}) is empty.");
            if (trimmed.Length > MaxLength)
                throw new ArgumentException($"The access token ({source}) is {trimmed.Length:N0} characters long; a bearer token is at most {MaxLength:N0}.");
            if (!SafeText.IsVisibleAscii(trimmed, allowSpace: false))
                throw new ArgumentException($"The access token ({source}) holds a space, a line break, a control or a non-ASCII character, " +
                                            "which an Authorization header cannot carry.");
            return trimmed;
        }
    }
}
