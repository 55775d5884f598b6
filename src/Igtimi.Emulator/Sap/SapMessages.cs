namespace Igtimi.Emulator;

/// <summary>
/// The <c>DataPoint</c> case numbers the emulator produces (docs/design/sap-dialect.md section 5) and how the fleet's JSON data types
/// map onto them. A case number is also what <c>types[n]</c> and <c>type</c> name in SAP requests.
/// </summary>
public static class SapCases
{
    public const int Position = 1;
    public const int Quality = 2;
    public const int SatCount = 3;
    public const int Cog = 6;
    public const int Heading = 8;
    public const int Sog = 9;
    public const int Awa = 11;
    public const int Aws = 12;
    public const int HeartRate = 13;

    /// <summary><c>num</c>: the battery (JSON type 15, percent), as SAP's WindBots report it. Case 15 is Temperature.</summary>
    public const int Number = 50;

    /// <summary>The <c>type_of_service</c> of stored data (LIVE_PERSISTENT).</summary>
    public const int LivePersistent = 3;

    /// <summary>Every case the fleet produces, in case order.</summary>
    public static IReadOnlyList<int> All { get; } = [Position, Quality, SatCount, Cog, Heading, Sog, Awa, Aws, HeartRate, Number];

    /// <summary>The case of a JSON data type (1 → 1 … 13 → 13, 15 → 50), or null for types the fleet does not map.</summary>
    public static int? CaseOf(int jsonType) => jsonType switch
    {
        1 or 2 or 3 or 6 or 8 or 9 or 11 or 12 or 13 => jsonType,
        DataTypeCatalog.BatteryLevel => Number,
        _ => null,
    };

    /// <summary>The JSON data type of a case (50 → 15), or null for cases the fleet does not produce.</summary>
    public static int? JsonTypeOf(int pointCase) => pointCase switch
    {
        1 or 2 or 3 or 6 or 8 or 9 or 11 or 12 or 13 => pointCase,
        Number => DataTypeCatalog.BatteryLevel,
        _ => null,
    };

    /// <summary>Whether a case goes into a device's GPS message ({pos, satc, satq}) rather than its other message.</summary>
    public static bool IsGps(int pointCase) => pointCase is Position or Quality or SatCount;
}

/// <summary>One <c>com.igtimi.DataPoint</c>: its oneof case, the point's timestamp (ms, field 1 of the case message) and
/// <see cref="SourceId"/> (field 1001; 0 = absent; 201 for the heart-rate strap).</summary>
public abstract record SapPoint(int Case, long Timestamp)
{
    public uint SourceId { get; init; }
}

/// <summary>Case 1 <c>GNSS_Position</c>: latitude (2), longitude (3), altitude (4; 0 = absent), fields (15: 3 = lat|lon, 7 with alt).</summary>
public sealed record SapPositionPoint(long Timestamp, double Latitude, double Longitude, double Altitude = 0, uint Fields = 3)
    : SapPoint(SapCases.Position, Timestamp);

/// <summary>A case whose value (field 2) is an <c>int32</c>: 2 <c>satq</c>, 3 <c>satc</c>.</summary>
public sealed record SapIntegerPoint(int Case, long Timestamp, int Value) : SapPoint(Case, Timestamp);

/// <summary>A case whose value (field 2) is a <c>double</c>: 6 cog, 8 hdg, 9 sog (km/h), 11 awa, 12 aws (km/h), 50 num, …</summary>
public sealed record SapDoublePoint(int Case, long Timestamp, double Value) : SapPoint(Case, Timestamp);

/// <summary>Case 13 <c>HeartRate</c>: event_time (2, uint64), hb_count (3, uint32), heart_rate (4, uint32).</summary>
public sealed record SapHeartRatePoint(long Timestamp, ulong EventTime, uint HbCount, uint HeartRate) : SapPoint(SapCases.HeartRate, Timestamp);

/// <summary>One <c>com.igtimi.DataMsg</c>: points (1), serial_number (2), type_of_service (4; 0 = absent), stream_id (5; 0 = absent).</summary>
public sealed record SapDataMessage(IReadOnlyList<SapPoint> Points, string SerialNumber, int TypeOfService = SapCases.LivePersistent, uint StreamId = 0);

/// <summary>One <c>com.igtimi.Msg</c> with case <c>data</c> (2): <c>Msg{data=Data{data=[DataMsg…]}}</c>.</summary>
public sealed record SapMessage(IReadOnlyList<SapDataMessage> Data)
{
    /// <summary>The message's time as SAP sees it: the timestamp of its first point (0 when it has none).</summary>
    public long Time => Data.SelectMany(d => d.Points).Select(p => p.Timestamp).FirstOrDefault();

    /// <summary>The serialized bytes (<see cref="SapProtobuf.Encode(SapMessage)"/>).</summary>
    public byte[] Encode() => SapProtobuf.Encode(this);
}
