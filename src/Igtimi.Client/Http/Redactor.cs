using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Igtimi.Client.Http
{
    /// <summary>Removes secrets from URIs and text before they reach a message, a log line or an error.</summary>
    public static class Redactor
    {
        public const string Mask = "<redacted>";

        private static readonly string[] SecretNames =
            { "access_token", "auth_token", "token", "code", "client_secret", "password", "refresh_token", "id_token", "authenticity_token" };

        private static readonly Regex SecretParameter = new Regex(
            @"(?<=(?:^|[?&#;\s""'])(?:" + string.Join("|", SecretNames.Select(Regex.Escape)) + @")(?:=|%3D))[^&#\s""']*",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

        private static readonly Regex SecretJsonMember = new Regex(
            @"(?<=""(?:" + string.Join("|", SecretNames.Select(Regex.Escape)) + @")""\s*:\s*"")[^""]*",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

        private static readonly Regex BearerHeader = new Regex(@"(?<=\b(?:Bearer|Basic)\s+)[A-Za-z0-9\-._~+/=]+",
            RegexOptions.Compiled | RegexOptions.CultureInvariant);

        public static string RedactUri(Uri? uri) => uri is null ? "" : Redact(uri.IsAbsoluteUri ? uri.AbsoluteUri : uri.OriginalString);

        /// <summary>Masks secret parameters, JSON members and Authorization values, then any known secret value.</summary>
        public static string Redact(string? text, IEnumerable<string>? knownSecrets = null)
        {
            if (string.IsNullOrEmpty(text)) return text ?? "";
            var result = SecretParameter.Replace(text!, Mask);
            result = SecretJsonMember.Replace(result, Mask);
            result = BearerHeader.Replace(result, Mask);
            if (knownSecrets != null)
            {
                foreach (var secret in knownSecrets)
                {
                    if (!string.IsNullOrEmpty(secret) && secret.Length >= 4)
                        result = result.Replace(secret, Mask).Replace(Uri.EscapeDataString(secret), Mask);
                }
            }
            return result;
        }
    }
}
