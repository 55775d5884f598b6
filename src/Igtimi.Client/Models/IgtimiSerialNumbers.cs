using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Igtimi.Client.Http;

namespace Igtimi.Client.Models
{
    /// <summary>
    /// Device serial numbers as the API takes them: each trimmed, none blank, none longer than 64
    /// characters or holding a control character, each once (case-insensitive) in the spelling it was
    /// first given, in the order given. Every path that sends serials uses this type, so the rules
    /// hold everywhere; <see cref="Batches"/> cuts a long list for servers that limit a request.
    /// </summary>
    public sealed class IgtimiSerialNumbers : IReadOnlyList<string>
    {
        /// <summary>Real serials are ten characters (GA-DK-AAAD); 64 leaves room for other servers' spellings.</summary>
        public const int MaxLength = 64;

        public static readonly IgtimiSerialNumbers None = new IgtimiSerialNumbers(Array.Empty<string>());

        private readonly string[] _items;
        private readonly HashSet<string> _lookup;

        private IgtimiSerialNumbers(string[] items)
        {
            _items = items;
            _lookup = new HashSet<string>(items, StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>The serials, checked and de-duplicated; an ArgumentException names the first bad one.</summary>
        public static IgtimiSerialNumbers From(IEnumerable<string?>? serials)
        {
            if (serials is null) return None;
            var builder = new Builder();
            builder.Add(serials);
            return builder.ToSerialNumbers();
        }

        /// <summary>One serial trimmed, or an ArgumentException saying what is wrong with it (with a short excerpt).</summary>
        public static string Check(string? serial)
        {
            if (string.IsNullOrWhiteSpace(serial)) throw new ArgumentException("A serial number is empty or blank.");
            var trimmed = serial!.Trim();
            if (trimmed.Length > MaxLength)
                throw new ArgumentException($"The serial number '{SafeText.Excerpt(trimmed, 24)}' is {trimmed.Length:N0} characters long; " +
                                            $"serial numbers are at most {MaxLength} (such as GA-DK-AAAD).");
            foreach (var c in trimmed)
            {
                if (SafeText.IsUnsafe(c))
                    throw new ArgumentException($"The serial number '{SafeText.Excerpt(trimmed, 24)}' holds a control character.");
            }
            return trimmed;
        }

        public int Count => _items.Length;

        public string this[int index] => _items[index];

        public bool IsEmpty => _items.Length == 0;

        /// <summary>True when the serial is in the set, whatever its case and surrounding spaces.</summary>
        public bool Contains(string? serial) => serial != null && _lookup.Contains(serial.Trim());

        /// <summary>The serials in runs of at most <paramref name="size"/>, in order.</summary>
        public IEnumerable<IgtimiSerialNumbers> Batches(int size)
        {
            if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "A batch holds at least one serial.");
            for (var i = 0; i < _items.Length; i += size)
                yield return new IgtimiSerialNumbers(_items.Skip(i).Take(size).ToArray());
        }

        public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_items).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => string.Join(", ", _items);

        /// <summary>Gathers serials from several inputs (a cmdlet's pipeline), checking each as it comes.</summary>
        public sealed class Builder
        {
            private readonly List<string> _items = new List<string>();
            private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

            public void Add(IEnumerable<string?>? serials)
            {
                if (serials is null) return;
                foreach (var serial in serials)
                {
                    var trimmed = Check(serial);
                    if (_seen.Add(trimmed)) _items.Add(trimmed);
                }
            }

            public IgtimiSerialNumbers ToSerialNumbers() => _items.Count == 0 ? None : new IgtimiSerialNumbers(_items.ToArray());
        }
    }
}
