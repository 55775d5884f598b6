using System;
using System.Runtime.CompilerServices;
using Google.Protobuf;
using Igtimi.Client.Dialects.Sap.Protocol;

namespace Igtimi.Client.Dialects.Sap
{
    /// <summary>
    /// One protobuf data point as the client's columns: type code (the DataPoint case number), DSI
    /// (<c>source_id</c>), time and components in the order the JSON dialect's packed data has them,
    /// so both dialects give the same typed points (positions as longitude, latitude).
    /// </summary>
    internal readonly struct SapPoint
    {
        // Up to five components held inline: millions of points pass through here, and an array each would be garbage.
        private readonly double _v0, _v1, _v2, _v3, _v4;

        public SapPoint(int type, int dsi, long time, int width, double v0, double v1 = 0, double v2 = 0, double v3 = 0, double v4 = 0,
            string?[]? texts = null)
        {
            Type = type;
            Dsi = dsi;
            Time = time;
            Width = width;
            _v0 = v0;
            _v1 = v1;
            _v2 = v2;
            _v3 = v3;
            _v4 = v4;
            Texts = texts;
        }

        public int Type { get; }
        public int Dsi { get; }
        public long Time { get; }

        /// <summary>The number of components (1 to 5).</summary>
        public int Width { get; }

        public string?[]? Texts { get; }

        public double this[int component]
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get
            {
                switch (component)
                {
                    case 0: return _v0;
                    case 1: return _v1;
                    case 2: return _v2;
                    case 3: return _v3;
                    case 4: return _v4;
                    default: throw new ArgumentOutOfRangeException(nameof(component));
                }
            }
        }

        public bool SameValues(in SapPoint other)
        {
            if (Width != other.Width) return false;
            for (var k = 0; k < Width; k++)
                if (!this[k].Equals(other[k])) return false;
            return true;
        }

        /// <summary>Positions carry an altitude too; it comes as a point of type 5 (gps_altitude), as SAP's own client makes it.</summary>
        public const int AltitudeType = 5;

        // Bit 2 of GNSS_Position.fields marks the altitude as set.
        internal const uint AltitudeField = 4;

        // A WindBot firmware sends denormal garbage for the altitude (docs/design/sap-dialect.md section 5.5).
        internal const double SmallestAltitude = 1e-300;

        /// <summary>The point, or false for a case the client does not read (the case number is in <paramref name="type"/>).</summary>
        public static bool TryConvert(DataPoint point, out SapPoint result, out SapPoint? altitude, out int type)
        {
            altitude = null;
            var dsi = (int)point.SourceId;
            type = (int)point.DataCase;
            switch (point.DataCase)
            {
                case DataPoint.DataOneofCase.Pos:
                    var pos = point.Pos;
                    result = new SapPoint(type, dsi, (long)pos.Timestamp, 2, pos.Longitude, pos.Latitude);
                    if ((pos.Fields & AltitudeField) != 0 && Math.Abs(pos.Altitude) > SmallestAltitude)
                        altitude = new SapPoint(AltitudeType, dsi, (long)pos.Timestamp, 1, pos.Altitude);
                    return true;
                case DataPoint.DataOneofCase.Satq: result = Value(type, dsi, point.Satq.Timestamp, point.Satq.Value); return true;
                case DataPoint.DataOneofCase.Satc: result = Value(type, dsi, point.Satc.Timestamp, point.Satc.Value); return true;
                case DataPoint.DataOneofCase.Len: result = Value(type, dsi, point.Len.Timestamp, point.Len.Value); return true;
                case DataPoint.DataOneofCase.Ang: result = Value(type, dsi, point.Ang.Timestamp, point.Ang.Value); return true;
                case DataPoint.DataOneofCase.Cog: result = Value(type, dsi, point.Cog.Timestamp, point.Cog.Value); return true;
                case DataPoint.DataOneofCase.Hdgm: result = Value(type, dsi, point.Hdgm.Timestamp, point.Hdgm.Value); return true;
                case DataPoint.DataOneofCase.Hdg: result = Value(type, dsi, point.Hdg.Timestamp, point.Hdg.Value); return true;
                case DataPoint.DataOneofCase.Sog: result = Value(type, dsi, point.Sog.Timestamp, point.Sog.Value); return true;
                case DataPoint.DataOneofCase.Stw: result = Value(type, dsi, point.Stw.Timestamp, point.Stw.Value); return true;
                case DataPoint.DataOneofCase.Awa: result = Value(type, dsi, point.Awa.Timestamp, point.Awa.Value); return true;
                case DataPoint.DataOneofCase.Aws: result = Value(type, dsi, point.Aws.Timestamp, point.Aws.Value); return true;
                case DataPoint.DataOneofCase.Freq: result = Value(type, dsi, point.Freq.Timestamp, point.Freq.Value); return true;
                case DataPoint.DataOneofCase.Temp: result = Value(type, dsi, point.Temp.Timestamp, point.Temp.Value); return true;
                case DataPoint.DataOneofCase.Torq: result = Value(type, dsi, point.Torq.Timestamp, point.Torq.Value); return true;
                case DataPoint.DataOneofCase.Twd: result = Value(type, dsi, point.Twd.Timestamp, point.Twd.Value); return true;
                case DataPoint.DataOneofCase.Tws: result = Value(type, dsi, point.Tws.Timestamp, point.Tws.Value); return true;
                case DataPoint.DataOneofCase.Press: result = Value(type, dsi, point.Press.Timestamp, point.Press.Value); return true;
                case DataPoint.DataOneofCase.Pwr: result = Value(type, dsi, point.Pwr.Timestamp, point.Pwr.Value); return true;
                case DataPoint.DataOneofCase.Volt: result = Value(type, dsi, point.Volt.Timestamp, point.Volt.Value); return true;
                case DataPoint.DataOneofCase.Amp: result = Value(type, dsi, point.Amp.Timestamp, point.Amp.Value); return true;
                case DataPoint.DataOneofCase.Time: result = Value(type, dsi, point.Time.Timestamp, point.Time.Value); return true;
                case DataPoint.DataOneofCase.Num: result = Value(type, dsi, point.Num.Timestamp, point.Num.Value); return true;
                case DataPoint.DataOneofCase.Int: result = Value(type, dsi, point.Int.Timestamp, point.Int.Value); return true;
                case DataPoint.DataOneofCase.Bool: result = Value(type, dsi, point.Bool.Timestamp, point.Bool.Value ? 1 : 0); return true;
                case DataPoint.DataOneofCase.Hr:
                    var hr = point.Hr;
                    result = new SapPoint(type, dsi, (long)hr.Timestamp, 3, hr.EventTime, hr.HbCount, hr.HeartRate_);
                    return true;
                case DataPoint.DataOneofCase.File:
                    var file = point.File;
                    result = new SapPoint(type, dsi, (long)file.Timestamp, 5, double.NaN, double.NaN, double.NaN, file.Size, file.EndTime,
                        new string?[] { file.Filename, file.Md5, file.ContentType, null, null });
                    return true;
                case DataPoint.DataOneofCase.Ori:
                    var ori = point.Ori;
                    result = new SapPoint(type, dsi, (long)ori.Timestamp, 4, ori.X, ori.Y, ori.Z, ori.W);
                    return true;
                case DataPoint.DataOneofCase.Acc: result = Vector(type, dsi, point.Acc); return true;
                case DataPoint.DataOneofCase.Spd: result = Vector(type, dsi, point.Spd); return true;
                case DataPoint.DataOneofCase.For: result = Vector(type, dsi, point.For); return true;
                case DataPoint.DataOneofCase.Txt: result = Text(type, dsi, point.Txt); return true;
                case DataPoint.DataOneofCase.Json: result = Text(type, dsi, point.Json); return true;
                case DataPoint.DataOneofCase.Cmd: result = Text(type, dsi, point.Cmd); return true;
                case DataPoint.DataOneofCase.Log:
                    var log = point.Log;
                    result = new SapPoint(type, dsi, (long)log.Timestamp, 2, double.NaN, log.Priority, texts: new string?[] { log.Message, null });
                    return true;
                case DataPoint.DataOneofCase.Cor:
                    var cor = point.Cor;
                    result = new SapPoint(type, dsi, (long)cor.Timestamp, 1, double.NaN, texts: new string?[] { cor.Value.ToBase64() });
                    return true;
                default:
                    result = default;
                    return false;
            }
        }

        private static SapPoint Value(int type, int dsi, ulong time, double value) => new SapPoint(type, dsi, (long)time, 1, value);

        private static SapPoint Vector(int type, int dsi, Vector vector) =>
            new SapPoint(type, dsi, (long)vector.Timestamp, 3, vector.X, vector.Y, vector.Z);

        private static SapPoint Text(int type, int dsi, Text text) =>
            new SapPoint(type, dsi, (long)text.Timestamp, 1, double.NaN, texts: new string?[] { text.Value });
    }

    /// <summary>Decodes one serialized <c>com.igtimi.Msg</c>; bytes that are not one are an <see cref="InvalidProtocolBufferException"/>.</summary>
    internal static class SapMessages
    {
        public static Msg Parse(ReadOnlySpan<byte> bytes) => Msg.Parser.ParseFrom(bytes);
    }
}
