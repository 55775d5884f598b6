using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using Igtimi.Client.Dialects.Sap.Protocol;
using Igtimi.Client.Json;
using ProtoData = Igtimi.Client.Dialects.Sap.Protocol.Data;

namespace Igtimi.Client.Dialects.Sap
{
    /// <summary>
    /// The fast path for bulk data: walks a serialized <c>com.igtimi.Msg</c> straight into points, with
    /// the field numbers the schema generates and without building the message objects (a day of a
    /// fleet is a million messages; the objects cost more than everything else together). It takes only
    /// the regular shape SAP's server writes: one case per point, the cases it reads as numbers, no
    /// groups. Anything else (a text or file case, two cases in one point, a group, a cut-off field)
    /// makes it give up on the message, and the caller parses it with the generated parser instead, so
    /// both give the same points for every input.
    /// </summary>
    internal sealed class SapWireReader
    {
        private const int Varint = 0;
        private const int Fixed64 = 1;
        private const int Length = 2;
        private const int Fixed32 = 5;

        // The points of the last message, in arrays of our own so the collector can take each by reference.
        private SapPoint[] _points = new SapPoint[64];
        private string[] _serials = new string[64];
        private int _count;
        private readonly List<(int Case, int Start, int Length, uint SourceId)> _pending = new List<(int, int, int, uint)>();
        private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, true);
        private byte[] _lastSerialBytes = Array.Empty<byte>();
        private string _lastSerial = "";

        /// <summary>The number of points of the last message read.</summary>
        public int PointCount => _count;

        /// <summary>Point i of the last message read.</summary>
        public ref readonly SapPoint Point(int i) => ref _points[i];

        /// <summary>The serial number of point i of the last message read.</summary>
        public string Serial(int i) => _serials[i];

        [MethodImpl(IncrementalJsonReader.HotPath)]
        private void Add(string serial, in SapPoint point)
        {
            if (_count == _points.Length)
            {
                Array.Resize(ref _points, _count * 2);
                Array.Resize(ref _serials, _count * 2);
            }
            _points[_count] = point;
            _serials[_count++] = serial;
        }

        /// <summary>False when the message is not of the regular shape; <see cref="Points"/> is then incomplete.</summary>
        [MethodImpl(IncrementalJsonReader.HotPath)]
        public bool TryRead(ReadOnlySpan<byte> message, string key)
        {
            _count = 0;
            var at = 0;
            while (at < message.Length)
            {
                if (!TryTag(message, ref at, out var field, out var wire)) return false;
                if (field == Msg.DataFieldNumber && wire == Length)
                {
                    if (!TrySlice(message, ref at, out var data) || !TryData(data, key)) return false;
                }
                else if (!TrySkip(message, ref at, wire)) return false;
            }
            return true;
        }

        [MethodImpl(IncrementalJsonReader.HotPath)]
        private bool TryData(ReadOnlySpan<byte> data, string key)
        {
            var at = 0;
            while (at < data.Length)
            {
                if (!TryTag(data, ref at, out var field, out var wire)) return false;
                if (field == ProtoData.Data_FieldNumber && wire == Length)
                {
                    if (!TrySlice(data, ref at, out var dataMessage) || !TryDataMessage(dataMessage, key)) return false;
                }
                else if (!TrySkip(data, ref at, wire)) return false;
            }
            return true;
        }

        [MethodImpl(IncrementalJsonReader.HotPath)]
        private bool TryDataMessage(ReadOnlySpan<byte> message, string key)
        {
            _pending.Clear();
            var serial = ReadOnlySpan<byte>.Empty;
            var hasSerial = false;
            var at = 0;
            while (at < message.Length)
            {
                if (!TryTag(message, ref at, out var field, out var wire)) return false;
                if (field == DataMsg.DataFieldNumber && wire == Length)
                {
                    if (!TrySlice(message, ref at, out var point) || !TryPoint(point, at - point.Length)) return false;
                }
                else if (field == DataMsg.SerialNumberFieldNumber && wire == Length)
                {
                    if (!TrySlice(message, ref at, out serial)) return false;
                    hasSerial = true;
                }
                else if (field == DataMsg.SessionIdFieldNumber && wire == Varint)
                {
                    // The other case of the same oneof: it clears the serial number.
                    if (!TryVarint(message, ref at, out _)) return false;
                    hasSerial = false;
                }
                else if (!TrySkip(message, ref at, wire)) return false;
            }
            var name = "";
            if (hasSerial && !TrySerial(serial, out name)) return false;
            name = string.IsNullOrWhiteSpace(name) ? key : name.Trim();
            foreach (var (pointCase, start, length, sourceId) in _pending)
            {
                if (!TryConvert(pointCase, message.Slice(start, length), sourceId, name)) return false;
            }
            return true;
        }

        // Finds the one case of a point (at pointOffset in its DataMsg); the body is decoded once the serial number is known.
        [MethodImpl(IncrementalJsonReader.HotPath)]
        private bool TryPoint(ReadOnlySpan<byte> point, int pointOffset)
        {
            var found = 0;
            var foundStart = 0;
            var foundLength = 0;
            uint sourceId = 0;
            var at = 0;
            while (at < point.Length)
            {
                if (!TryTag(point, ref at, out var field, out var wire)) return false;
                if (field == DataPoint.SourceIdFieldNumber && wire == Varint)
                {
                    if (!TryVarint(point, ref at, out var id)) return false;
                    sourceId = (uint)id;
                }
                else if (wire == Length && IsCase(field))
                {
                    if (found != 0) return false;
                    if (!TryLength(point, ref at, out var length)) return false;
                    found = field;
                    foundStart = at;
                    foundLength = length;
                    at += length;
                }
                else if (!TrySkip(point, ref at, wire)) return false;
            }
            if (found == 0) return false;
            _pending.Add((found, pointOffset + foundStart, foundLength, sourceId));
            return true;
        }

        // The DataPoint cases of the schema (29-49 and 55 are not among them: the generated parser skips those as unknown fields).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool IsCase(int field) =>
            (field >= DataPoint.PosFieldNumber && field <= DataPoint.TimeFieldNumber) ||
            (field >= DataPoint.NumFieldNumber && field <= DataPoint.CmdFieldNumber && field != 55) || field == DataPoint.CorFieldNumber;

        [MethodImpl(IncrementalJsonReader.HotPath)]
        private bool TryConvert(int pointCase, ReadOnlySpan<byte> body, uint sourceId, string serial)
        {
            ulong timestamp = 0;
            double d2 = 0, d3 = 0, d4 = 0;
            ulong v2 = 0, v3 = 0, v4 = 0, v15 = 0;
            var at = 0;
            while (at < body.Length)
            {
                if (!TryTag(body, ref at, out var field, out var wire)) return false;
                if (wire == Varint)
                {
                    if (!TryVarint(body, ref at, out var value)) return false;
                    switch (field)
                    {
                        case 1: timestamp = value; break;
                        case 2: v2 = value; break;
                        case 3: v3 = value; break;
                        case 4: v4 = value; break;
                        case 15: v15 = value; break;
                    }
                }
                else if (wire == Fixed64)
                {
                    if (at + 8 > body.Length) return false;
                    var value = BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(body.Slice(at)));
                    at += 8;
                    switch (field)
                    {
                        case 2: d2 = value; break;
                        case 3: d3 = value; break;
                        case 4: d4 = value; break;
                    }
                }
                else if (!TrySkip(body, ref at, wire)) return false;
            }
            var dsi = (int)sourceId;
            var time = (long)timestamp;
            switch (pointCase)
            {
                case DataPoint.PosFieldNumber:
                    Add(serial, new SapPoint(pointCase, dsi, time, 2, d3, d2));
                    if ((((uint)v15) & SapPoint.AltitudeField) != 0 && Math.Abs(d4) > SapPoint.SmallestAltitude)
                        Add(serial, new SapPoint(SapPoint.AltitudeType, dsi, time, 1, d4));
                    return true;
                case DataPoint.SatqFieldNumber:
                case DataPoint.SatcFieldNumber:
                    Add(serial, new SapPoint(pointCase, dsi, time, 1, (int)v2));
                    return true;
                case DataPoint.HrFieldNumber:
                    Add(serial, new SapPoint(pointCase, dsi, time, 3, v2, (uint)v3, (uint)v4));
                    return true;
                case DataPoint.IntFieldNumber:
                    Add(serial, new SapPoint(pointCase, dsi, time, 1, v2));
                    return true;
                case DataPoint.BoolFieldNumber:
                    Add(serial, new SapPoint(pointCase, dsi, time, 1, v2 != 0 ? 1 : 0));
                    return true;
                default:
                    if (IsScalar(pointCase))
                    {
                        Add(serial, new SapPoint(pointCase, dsi, time, 1, d2));
                        return true;
                    }
                    // Text, files, vectors, logs, corrections: the generated parser reads those.
                    return false;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool IsScalar(int pointCase) =>
            (pointCase >= DataPoint.LenFieldNumber && pointCase <= DataPoint.AwsFieldNumber) ||
            pointCase == DataPoint.FreqFieldNumber || pointCase == DataPoint.TempFieldNumber ||
            (pointCase >= DataPoint.TorqFieldNumber && pointCase <= DataPoint.TimeFieldNumber) || pointCase == DataPoint.NumFieldNumber;

        // A proto3 string must be valid UTF-8: the generated parser refuses the message otherwise, and so does this reader.
        [MethodImpl(IncrementalJsonReader.HotPath)]
        private bool TrySerial(ReadOnlySpan<byte> bytes, out string serial)
        {
            if (!bytes.SequenceEqual(_lastSerialBytes))
            {
                var copy = bytes.ToArray();
                try
                {
                    _lastSerial = StrictUtf8.GetString(copy);
                }
                catch (DecoderFallbackException)
                {
                    serial = "";
                    return false;
                }
                _lastSerialBytes = copy;
            }
            serial = _lastSerial;
            return true;
        }

        [MethodImpl(IncrementalJsonReader.HotPath)]
        private static bool TryTag(ReadOnlySpan<byte> bytes, ref int at, out int field, out int wire)
        {
            field = 0;
            wire = 0;
            if (!TryVarint(bytes, ref at, out var tag) || tag > uint.MaxValue) return false;
            field = (int)(tag >> 3);
            wire = (int)(tag & 7);
            return field > 0;
        }

        [MethodImpl(IncrementalJsonReader.HotPath)]
        private static bool TryVarint(ReadOnlySpan<byte> bytes, ref int at, out ulong value)
        {
            // Tags, lengths and small numbers: one byte, nearly always.
            if (at < bytes.Length && bytes[at] < 0x80)
            {
                value = bytes[at++];
                return true;
            }
            value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (at >= bytes.Length) return false;
                var b = bytes[at++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80) return true;
            }
            return false;
        }

        [MethodImpl(IncrementalJsonReader.HotPath)]
        private static bool TryLength(ReadOnlySpan<byte> bytes, ref int at, out int length)
        {
            length = 0;
            if (!TryVarint(bytes, ref at, out var value) || value > int.MaxValue || (long)value > bytes.Length - at) return false;
            length = (int)value;
            return true;
        }

        [MethodImpl(IncrementalJsonReader.HotPath)]
        private static bool TrySlice(ReadOnlySpan<byte> bytes, scoped ref int at, out ReadOnlySpan<byte> slice)
        {
            slice = default;
            if (!TryLength(bytes, ref at, out var length)) return false;
            slice = bytes.Slice(at, length);
            at += length;
            return true;
        }

        // Groups (wire types 3 and 4) and reserved wire types are left to the generated parser.
        [MethodImpl(IncrementalJsonReader.HotPath)]
        private static bool TrySkip(ReadOnlySpan<byte> bytes, ref int at, int wire)
        {
            switch (wire)
            {
                case Varint: return TryVarint(bytes, ref at, out _);
                case Fixed64:
                    if (at + 8 > bytes.Length) return false;
                    at += 8;
                    return true;
                case Length:
                    if (!TryLength(bytes, ref at, out var length)) return false;
                    at += length;
                    return true;
                case Fixed32:
                    if (at + 4 > bytes.Length) return false;
                    at += 4;
                    return true;
                default:
                    return false;
            }
        }
    }
}
