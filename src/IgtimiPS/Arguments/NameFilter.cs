using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace IgtimiPS.Arguments
{
    /// <summary>
    /// -Name: wildcard patterns matched against names (case-insensitive) on the client, since the API
    /// has no name filter. A name without wildcards that matched nothing is reported, as a missing
    /// serial number is; a pattern that matched nothing is not (as Get-ChildItem does).
    /// </summary>
    internal sealed class NameFilter
    {
        private readonly List<(string Text, WildcardPattern Pattern)> _patterns = new List<(string, WildcardPattern)>();
        private readonly HashSet<string> _matched = new HashSet<string>(StringComparer.Ordinal);

        public NameFilter(IEnumerable<string>? names)
        {
            foreach (var name in names ?? Enumerable.Empty<string>())
                _patterns.Add((name, WildcardPattern.Get(name, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)));
        }

        public bool IsEmpty => _patterns.Count == 0;

        public bool Matches(string? name)
        {
            if (IsEmpty) return true;
            var any = false;
            foreach (var (text, pattern) in _patterns)
            {
                if (!pattern.IsMatch(name ?? "")) continue;
                _matched.Add(text);
                any = true;
            }
            return any;
        }

        /// <summary>The names without wildcards that matched nothing, in the order given.</summary>
        public IEnumerable<string> Unmatched =>
            _patterns.Select(p => p.Text).Distinct(StringComparer.Ordinal)
                .Where(text => !_matched.Contains(text) && !WildcardPattern.ContainsWildcardCharacters(text));
    }
}
