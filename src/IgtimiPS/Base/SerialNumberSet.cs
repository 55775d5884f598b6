using System;
using System.Collections.Generic;

namespace IgtimiPS.Base
{
    /// <summary>Serial numbers gathered from every pipeline input: trimmed, first spelling kept, each once.</summary>
    internal sealed class SerialNumberSet
    {
        private readonly List<string> _serials = new List<string>();
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        public void Add(IEnumerable<string>? serials)
        {
            if (serials is null) return;
            foreach (var serial in serials)
            {
                var trimmed = serial.Trim();
                if (_seen.Add(trimmed)) _serials.Add(trimmed);
            }
        }

        public IReadOnlyList<string> ToList() => _serials.ToArray();
    }
}
