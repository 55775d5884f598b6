using System;
using System.Runtime.CompilerServices;
using Igtimi.Client.Json;

namespace Igtimi.Client.Dialects.Sap
{
    /// <summary>
    /// Decodes the base64 of a SAP message straight from its JSON string, undoing the <c>\/</c> escape
    /// on the way (SAP's json-simple escapes every '/'). A download decodes a million of these, most
    /// of them before the runtime's tiering has optimized the framework's own base64 and JSON string
    /// code for this process; this loop is optimized from its first call. Standard alphabet, padding
    /// required, as <see cref="System.Buffers.Text.Base64.DecodeFromUtf8(ReadOnlySpan{byte}, Span{byte}, out int, out int, bool)"/>.
    /// </summary>
    internal static class SapBase64
    {
        /// <summary>Not decoded here: not base64, or a JSON escape other than <c>\/</c>, or anything else unusual.</summary>
        public const int NotDecoded = -1;

        private const sbyte Invalid = -1;
        private const sbyte Padding = -2;
        private const sbyte Backslash = -3;

        private static readonly sbyte[] Values = BuildValues();

        private static sbyte[] BuildValues()
        {
            var values = new sbyte[256];
            for (var i = 0; i < values.Length; i++) values[i] = Invalid;
            const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            for (var i = 0; i < alphabet.Length; i++) values[alphabet[i]] = (sbyte)i;
            values['='] = Padding;
            values['\\'] = Backslash;
            return values;
        }

        /// <summary>The most bytes a JSON string of <paramref name="length"/> bytes can decode to.</summary>
        public static int MaxDecodedLength(int length) => (length / 4) * 3;

        /// <summary>
        /// Decodes the raw (still escaped) bytes of a JSON string into <paramref name="output"/> (at least
        /// <see cref="MaxDecodedLength"/> long): the number of bytes written, or <see cref="NotDecoded"/>, when
        /// the caller unescapes the string and asks the framework's decoder, whose verdict counts.
        /// </summary>
        [MethodImpl(IncrementalJsonReader.HotPath)]
        public static int Decode(ReadOnlySpan<byte> json, Span<byte> output)
        {
            var values = Values;
            var at = 0;
            var written = 0;
            while (true)
            {
                // Four characters at a time while there is no escape, padding or stray byte among them.
                while (at + 4 <= json.Length)
                {
                    int a = values[json[at]], b = values[json[at + 1]], c = values[json[at + 2]], d = values[json[at + 3]];
                    if ((a | b | c | d) < 0) break;
                    var bits = (a << 18) | (b << 12) | (c << 6) | d;
                    output[written] = (byte)(bits >> 16);
                    output[written + 1] = (byte)(bits >> 8);
                    output[written + 2] = (byte)bits;
                    written += 3;
                    at += 4;
                }
                if (at == json.Length) return written;

                // One group of four, a character at a time: escapes and the padding at the end.
                var group = 0;
                var count = 0;
                while (count < 4)
                {
                    if (at == json.Length) return NotDecoded;
                    int value = values[json[at++]];
                    if (value == Backslash)
                    {
                        if (at == json.Length || json[at] != (byte)'/') return NotDecoded;
                        at++;
                        value = 63;
                    }
                    else if (value == Padding)
                    {
                        return Padded(json, at, group, count, output, written);
                    }
                    else if (value < 0)
                    {
                        return NotDecoded;
                    }
                    group = (group << 6) | value;
                    count++;
                }
                output[written] = (byte)(group >> 16);
                output[written + 1] = (byte)(group >> 8);
                output[written + 2] = (byte)group;
                written += 3;
            }
        }

        // The first '=' came after count characters of a group (at is just past it): "xx==" or "xxx=", and then the end;
        // the bits the padding leaves over must be zero, as the framework's decoder demands.
        private static int Padded(ReadOnlySpan<byte> json, int at, int group, int count, Span<byte> output, int written)
        {
            if (count == 2)
            {
                if (at + 1 != json.Length || json[at] != (byte)'=' || (group & 0xF) != 0) return NotDecoded;
                output[written] = (byte)(group >> 4);
                return written + 1;
            }
            if (count == 3)
            {
                if (at != json.Length || (group & 0x3) != 0) return NotDecoded;
                output[written] = (byte)(group >> 10);
                output[written + 1] = (byte)(group >> 2);
                return written + 2;
            }
            return NotDecoded;
        }
    }
}
