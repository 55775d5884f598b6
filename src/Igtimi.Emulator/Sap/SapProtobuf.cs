using System.Buffers.Binary;
using System.Text;

namespace Igtimi.Emulator;

/// <summary>
/// A hand-written protobuf encoder for <c>com.igtimi.Msg</c> (docs/design/sap-dialect.md section 5; no protobuf library, so the
/// emulator shares no serializer with the client). Like Java's generated code it writes fields in field-number order, leaves out
/// proto3 defaults (0, 0.0, empty strings; a oneof case message is always written), nests messages length-delimited, and writes
/// doubles as little-endian fixed64. Thread-safe (stateless).
/// </summary>
public static class SapProtobuf
{
    private const int Varint = 0;
    private const int Fixed64 = 1;
    private const int Len = 2;
    private const int SourceIdField = 1001;

    /// <summary>The serialized message.</summary>
    public static byte[] Encode(SapMessage message)
    {
        byte[] buffer = [];
        int length = Encode(message, ref buffer);
        return buffer.Length == length ? buffer : buffer[..length];
    }

    /// <summary>
    /// Serializes the message into <paramref name="buffer"/>, replacing it with a larger one when it is too small
    /// (so one buffer serves a whole answer); returns the length. Every size is computed once.
    /// </summary>
    public static int Encode(SapMessage message, ref byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(message);
        int points = 0;
        foreach (var dataMsg in message.Data)
            points += dataMsg.Points.Count;
        Span<int> bodySizes = points <= 64 ? stackalloc int[points] : new int[points];
        Span<int> messageSizes = message.Data.Count <= 16 ? stackalloc int[message.Data.Count] : new int[message.Data.Count];
        Span<int> serialSizes = message.Data.Count <= 16 ? stackalloc int[message.Data.Count] : new int[message.Data.Count];

        int dataSize = 0, k = 0;
        for (int i = 0; i < message.Data.Count; i++)
        {
            var m = message.Data[i];
            int size = 0;
            foreach (var point in m.Points)
            {
                int body = BodySize(point);
                bodySizes[k++] = body;
                size += Nested(1, Nested(point.Case, body) + SourceIdSize(point));
            }
            serialSizes[i] = Encoding.UTF8.GetByteCount(m.SerialNumber);
            if (serialSizes[i] > 0)
                size += Nested(2, serialSizes[i]);
            if (m.TypeOfService != 0)
                size += TagSize(4) + VarintSize((ulong)(long)m.TypeOfService);
            if (m.StreamId != 0)
                size += TagSize(5) + VarintSize(m.StreamId);
            messageSizes[i] = size;
            dataSize += Nested(1, size);
        }
        int total = Nested(2, dataSize);
        if (buffer.Length < total)
            buffer = new byte[Math.Max(total, 2 * buffer.Length)];

        var w = new Writer(buffer);
        w.Tag(2, Len);
        w.Varint((ulong)dataSize);
        k = 0;
        for (int i = 0; i < message.Data.Count; i++)
        {
            var m = message.Data[i];
            w.Tag(1, Len);
            w.Varint((ulong)messageSizes[i]);
            foreach (var point in m.Points)
            {
                int body = bodySizes[k++];
                w.Tag(1, Len);
                w.Varint((ulong)(Nested(point.Case, body) + SourceIdSize(point)));
                w.Tag(point.Case, Len);
                w.Varint((ulong)body);
                WriteBody(ref w, point);
                if (point.SourceId != 0)
                {
                    w.Tag(SourceIdField, Varint);
                    w.Varint(point.SourceId);
                }
            }
            if (serialSizes[i] > 0)
            {
                w.Tag(2, Len);
                w.Varint((ulong)serialSizes[i]);
                w.Utf8(m.SerialNumber);
            }
            if (m.TypeOfService != 0)
            {
                w.Tag(4, Varint);
                w.Varint((ulong)(long)m.TypeOfService);
            }
            if (m.StreamId != 0)
            {
                w.Tag(5, Varint);
                w.Varint(m.StreamId);
            }
        }
        if (w.Position != total)
            throw new InvalidOperationException("protobuf size mismatch");
        return total;
    }

    private static int SourceIdSize(SapPoint point) => point.SourceId == 0 ? 0 : TagSize(SourceIdField) + VarintSize(point.SourceId);



    private static int BodySize(SapPoint point)
    {
        int size = VarintField(1, (ulong)point.Timestamp);
        switch (point)
        {
            case SapPositionPoint p:
                size += DoubleField(2, p.Latitude) + DoubleField(3, p.Longitude) + DoubleField(4, p.Altitude) + VarintField(15, p.Fields);
                break;
            case SapIntegerPoint p:
                size += VarintField(2, (ulong)(long)p.Value);
                break;
            case SapDoublePoint p:
                size += DoubleField(2, p.Value);
                break;
            case SapHeartRatePoint p:
                size += VarintField(2, p.EventTime) + VarintField(3, p.HbCount) + VarintField(4, p.HeartRate);
                break;
            default:
                throw new ArgumentException($"Unknown point type {point.GetType().Name}.", nameof(point));
        }
        return size;
    }

    private static void WriteBody(ref Writer w, SapPoint point)
    {
        w.VarintField(1, (ulong)point.Timestamp);
        switch (point)
        {
            case SapPositionPoint p:
                w.DoubleField(2, p.Latitude);
                w.DoubleField(3, p.Longitude);
                w.DoubleField(4, p.Altitude);
                w.VarintField(15, p.Fields);
                break;
            case SapIntegerPoint p:
                w.VarintField(2, (ulong)(long)p.Value);
                break;
            case SapDoublePoint p:
                w.DoubleField(2, p.Value);
                break;
            case SapHeartRatePoint p:
                w.VarintField(2, p.EventTime);
                w.VarintField(3, p.HbCount);
                w.VarintField(4, p.HeartRate);
                break;
        }
    }

    private static int Nested(int field, int size) => TagSize(field) + VarintSize((ulong)size) + size;

    private static int VarintField(int field, ulong value) => value == 0 ? 0 : TagSize(field) + VarintSize(value);

    private static int DoubleField(int field, double value) => BitConverter.DoubleToInt64Bits(value) == 0 ? 0 : TagSize(field) + 8;

    private static int TagSize(int field) => VarintSize((ulong)field << 3);

    private static int VarintSize(ulong value)
    {
        int size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }
        return size;
    }

    private ref struct Writer(Span<byte> buffer)
    {
        private readonly Span<byte> _buffer = buffer;

        public int Position { get; private set; }

        public void Tag(int field, int wireType) => Varint(((ulong)field << 3) | (uint)wireType);

        public void Varint(ulong value)
        {
            while (value >= 0x80)
            {
                _buffer[Position++] = (byte)(value | 0x80);
                value >>= 7;
            }
            _buffer[Position++] = (byte)value;
        }

        public void VarintField(int field, ulong value)
        {
            if (value == 0)
                return;
            Tag(field, SapProtobuf.Varint);
            Varint(value);
        }

        public void DoubleField(int field, double value)
        {
            if (BitConverter.DoubleToInt64Bits(value) == 0)
                return;
            Tag(field, Fixed64);
            BinaryPrimitives.WriteDoubleLittleEndian(_buffer.Slice(Position, 8), value);
            Position += 8;
        }

        public void Utf8(string text) => Position += Encoding.UTF8.GetBytes(text, _buffer[Position..]);
    }
}
