using System;

namespace Igtimi.Client.Auth
{
    /// <summary>The OAuth2 endpoints of an Igtimi server (Doorkeeper paths at the site root).</summary>
    public static class OAuthEndpoints
    {
        public const string OutOfBandRedirectUri = "urn:ietf:wg:oauth:2.0:oob";

        public static Uri Authorize(Uri baseUri) => new Uri(baseUri, "oauth/authorize");

        public static Uri Token(Uri baseUri) => new Uri(baseUri, "oauth/token");

        public static bool IsOutOfBand(string? redirectUri) =>
            string.Equals(redirectUri, OutOfBandRedirectUri, StringComparison.OrdinalIgnoreCase);

        public static bool IsLoopback(string? redirectUri) =>
            Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp &&
            (uri.Host == "127.0.0.1" || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase));
    }
}
