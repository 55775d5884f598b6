using System;
using System.Collections.Generic;
using System.Linq;

namespace Igtimi.Client.Auth
{
    /// <summary>What came back from the authorize endpoint: a code or a token, or an error.</summary>
    public sealed class AuthorizationResponse
    {
        private AuthorizationResponse(IDictionary<string, string> values, bool isBareValue = false)
        {
            Values = values;
            IsBareValue = isBareValue;
        }

        public IDictionary<string, string> Values { get; }

        /// <summary>True when the user pasted only a value (the out-of-band page's code), not an address or a query.</summary>
        public bool IsBareValue { get; }

        public string? Code => Get("code");
        public string? AccessToken => Get("access_token");
        public string? State => Get("state");
        public string? Error => Get("error");
        public string? ErrorDescription => Get("error_description");

        private string? Get(string name) => Values.TryGetValue(name, out var value) ? value : null;

        public static AuthorizationResponse FromParameters(string? query)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var part in (query ?? "").TrimStart('?', '#').Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var index = part.IndexOf('=');
                var name = Uri.UnescapeDataString((index < 0 ? part : part.Substring(0, index)).Replace('+', ' '));
                var value = index < 0 ? "" : Uri.UnescapeDataString(part.Substring(index + 1).Replace('+', ' '));
                values[name] = value;
            }
            return new AuthorizationResponse(values);
        }

        /// <summary>
        /// Reads what a user pasted: the whole redirect URL (query or fragment), a query string, or
        /// just the value shown on the out-of-band page.
        /// </summary>
        public static AuthorizationResponse FromPasted(string pasted, string bareValueName)
        {
            var text = (pasted ?? "").Trim().Trim('"', '\'');
            if (text.Length == 0) throw new ArgumentException("Nothing was pasted.");
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Query.Length > 1 || uri.Fragment.Length > 1))
            {
                var merged = FromParameters(uri.Query);
                foreach (var pair in FromParameters(uri.Fragment).Values) merged.Values[pair.Key] = pair.Value;
                return merged;
            }
            if (text.Contains("=")) return FromParameters(text);
            if (text.Any(char.IsWhiteSpace)) throw new ArgumentException("The pasted value contains spaces; paste only the code or the whole redirect URL.");
            return new AuthorizationResponse(new Dictionary<string, string> { [bareValueName] = text }, isBareValue: true);
        }
    }
}
