using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace Igtimi.Client.Dialects.Sap
{
    /// <summary>
    /// Recognises a message whose exact bytes came before in the same answer: where two of the
    /// caller's data access windows overlap, SAP's server sends every message of the overlap twice
    /// (a quarter of a typical owner's answer). Such a copy is skipped before it is decoded; the
    /// collector's per-sample de-duplication stays the rule, this only saves the work. A hash match is
    /// confirmed byte for byte against the first copy, so two different messages are never taken for
    /// one; a message whose hash collides with another's is simply not filtered.
    /// </summary>
    internal sealed class RepeatedMessageFilter
    {
        // Below the large-object size, so the first copies cost no large garbage.
        private const int ChunkBytes = 64 * 1024;

        private readonly Dictionary<ulong, (int Chunk, int Offset, int Length)> _first = new Dictionary<ulong, (int, int, int)>();
        private readonly List<byte[]> _chunks = new List<byte[]>();
        private int _used = ChunkBytes;

        /// <summary>The bytes kept of first copies (for tests and memory figures).</summary>
        public long KeptBytes { get; private set; }

        /// <summary>True when exactly these bytes came before (since the last <see cref="Clear"/>); else remembers them.</summary>
        public bool IsRepeat(ReadOnlySpan<byte> message)
        {
            if (message.Length == 0 || message.Length > ChunkBytes) return false;
            var hash = Hash(message);
            if (_first.TryGetValue(hash, out var first))
                return first.Length == message.Length && new ReadOnlySpan<byte>(_chunks[first.Chunk], first.Offset, first.Length).SequenceEqual(message);
            if (_used + message.Length > ChunkBytes)
            {
                _chunks.Add(new byte[ChunkBytes]);
                _used = 0;
            }
            message.CopyTo(new Span<byte>(_chunks[_chunks.Count - 1], _used, message.Length));
            _first[hash] = (_chunks.Count - 1, _used, message.Length);
            _used += message.Length;
            KeptBytes += message.Length;
            return false;
        }

        public void Clear()
        {
            _first.Clear();
            _chunks.Clear();
            _used = ChunkBytes;
            KeptBytes = 0;
        }

        // A fast 64-bit mix of 8-byte words (not cryptographic: a match is always confirmed by comparing the bytes).
        private static ulong Hash(ReadOnlySpan<byte> bytes)
        {
            const ulong prime = 0x9E3779B97F4A7C15UL;
            var hash = (ulong)bytes.Length * prime;
            var words = MemoryMarshal.Cast<byte, ulong>(bytes);
            foreach (var word in words) hash = (Rotate(hash ^ (word * prime), 29) * prime) + 0x632BE59BD9B4E019UL;
            for (var i = words.Length * 8; i < bytes.Length; i++) hash = Rotate(hash ^ (bytes[i] * prime), 23) * prime;
            hash ^= hash >> 31;
            return hash * prime;
        }

        private static ulong Rotate(ulong value, int bits) => (value << bits) | (value >> (64 - bits));
    }
}
