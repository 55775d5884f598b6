namespace Igtimi.Emulator.Oauth;

/// <summary>
/// Whether a requested redirect URI is registered for an app. Exact match, except that a registered
/// loopback URI (<c>http://127.0.0.1/...</c> or <c>http://localhost/...</c>) matches any port with the
/// same host, path and query (RFC 8252 §7.3).
/// </summary>
internal static class RedirectUriMatcher
{
    public static bool IsRegistered(OAuthApp app, string requested) =>
        app.RedirectUriList.Any(registered => Matches(registered, requested));

    private static bool Matches(string registered, string requested)
    {
        if (string.Equals(registered, requested, StringComparison.Ordinal))
            return true;
        if (!Uri.TryCreate(registered, UriKind.Absolute, out var reg) || !IsLoopbackHttp(reg)
            || !Uri.TryCreate(requested, UriKind.Absolute, out var req) || !IsLoopbackHttp(req))
            return false;
        // Compare strings, not parsed URIs, so that nothing the Uri class normalizes (dot segments, escapes) slips through.
        string withPort = $"http://{reg.Host}:{req.Port}{reg.PathAndQuery}";
        return string.Equals(withPort, requested, StringComparison.OrdinalIgnoreCase)
            && string.Equals(reg.PathAndQuery, req.PathAndQuery, StringComparison.Ordinal);
    }

    private static bool IsLoopbackHttp(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttp
        && (uri.Host == "127.0.0.1" || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase));
}
