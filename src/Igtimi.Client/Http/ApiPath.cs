using System;
using System.Text.RegularExpressions;

namespace Igtimi.Client.Http
{
    /// <summary>
    /// Checks a request path given relative to the API (or site) root before any request exists: it
    /// must stay a relative path under that root after every normalisation, so the token can only
    /// ever go to the connection's own server.
    /// </summary>
    public static class ApiPath
    {
        private static readonly Regex Scheme = new Regex(@"^[A-Za-z][A-Za-z0-9+.\-]*:", RegexOptions.CultureInvariant);

        /// <summary>The path trimmed and without leading '/', or an ArgumentException saying why it is refused.</summary>
        public static string Normalize(string path)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            var trimmed = path.Trim();
            var shown = SafeText.Excerpt(trimmed.Length == 0 ? path : trimmed);
            if (trimmed.Length == 0) throw new ArgumentException("The path is empty.");
            foreach (var c in trimmed)
            {
                if (char.IsWhiteSpace(c) || SafeText.IsUnsafe(c))
                    throw new ArgumentException($"The path '{shown}' holds a space or a control character; a path under api/v1 has neither.");
            }
            if (trimmed.IndexOf('\\') >= 0)
                throw new ArgumentException($"The path '{shown}' holds a backslash; give a path under api/v1 with '/' only, such as 'devices'.");
            if (trimmed.IndexOf('#') >= 0)
                throw new ArgumentException($"The path '{shown}' holds a fragment ('#'), which a request cannot carry.");
            if (trimmed.StartsWith("//", StringComparison.Ordinal))
                throw new ArgumentException($"The path '{shown}' is scheme-relative (it starts with '//' and names a host); give a path under api/v1.");
            if (Scheme.IsMatch(trimmed))
                throw new ArgumentException($"The path '{shown}' is an absolute address (it has a scheme); " +
                                            "give a path under api/v1, or -Uri for an address on the connection's server.");

            var relative = trimmed.TrimStart('/');
            var query = relative.IndexOf('?');
            var pathPart = query < 0 ? relative : relative.Substring(0, query);
            string decoded;
            try
            {
                decoded = Uri.UnescapeDataString(pathPart);
            }
            catch (UriFormatException)
            {
                throw new ArgumentException($"The path '{shown}' has a broken %-escape.");
            }
            if (pathPart.IndexOf("%2f", StringComparison.OrdinalIgnoreCase) >= 0 || pathPart.IndexOf("%5c", StringComparison.OrdinalIgnoreCase) >= 0)
                throw new ArgumentException($"The path '{shown}' hides a slash or backslash in a %-escape.");
            foreach (var c in decoded)
            {
                if (SafeText.IsUnsafe(c))
                    throw new ArgumentException($"The path '{shown}' hides a control character in a %-escape.");
            }
            foreach (var segment in decoded.Split('/'))
            {
                if (segment == "." || segment == "..")
                    throw new ArgumentException($"The path '{shown}' has a '{segment}' segment; paths may not climb out of api/v1.");
            }
            return relative;
        }
    }
}
