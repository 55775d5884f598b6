namespace Igtimi.Emulator;

/// <summary>
/// The data type catalogue served by <c>GET data_types</c>: codes 1–16 with the names of igtimi.com's JSON API
/// (SAP's <c>Type</c> enum) and the components of the packed format (docs/design/igtimi-api.md section 5).
/// </summary>
public static class DataTypeCatalog
{
    public const int GpsLatLong = 1;
    public const int GpsQualityIndicator = 2;
    public const int GpsSatCount = 3;
    public const int GpsHdop = 4;
    public const int GpsAltitude = 5;
    public const int Cog = 6;
    public const int HeadingMagnetic = 7;
    public const int Heading = 8;
    public const int Sog = 9;
    public const int Stw = 10;
    public const int Awa = 11;
    public const int Aws = 12;
    public const int AntHeartRate = 13;
    public const int AntCadence = 14;
    public const int BatteryLevel = 15;
    public const int File = 16;

    public static IReadOnlyList<EmulatorDataType> All { get; } =
    [
        Type(GpsLatLong, "gps_latlong", ("longitude", "deg"), ("latitude", "deg")),
        Type(GpsQualityIndicator, "gps_quality_indicator", ("fix_quality", null)),
        Type(GpsSatCount, "gps_quality_sat_count", ("satellites", "count")),
        Type(GpsHdop, "gps_quality_hdop", ("hdop", null)),
        Type(GpsAltitude, "gps_altitude", ("altitude", "m")),
        Type(Cog, "COG", ("course_over_ground", "deg")),
        Type(HeadingMagnetic, "HDGM", ("heading_magnetic", "deg")),
        Type(Heading, "HDG", ("heading_true", "deg")),
        Type(Sog, "SOG", ("speed_over_ground", "km/h")),
        Type(Stw, "STW", ("speed_through_water", "km/h")),
        Type(Awa, "AWA", ("apparent_wind_angle", "deg")),
        Type(Aws, "AWS", ("apparent_wind_speed", "km/h")),
        Type(AntHeartRate, "ant_hrm", ("event_time", "ms"), ("heart_beat_count", "count"), ("heart_rate", "bpm")),
        Type(AntCadence, "ant_cbst", ("cadence", "rpm")),
        Type(BatteryLevel, "battery_level", ("battery_level", "%")),
        Type(File, "File", ("filename", null), ("md5", null), ("content_type", null), ("size", "bytes")),
    ];

    public static EmulatorDataType? Find(int id) => All.FirstOrDefault(t => t.Id == id);

    private static EmulatorDataType Type(int id, string name, params (string Name, string? Unit)[] components) =>
        new(id, name, components.Select((c, i) => new EmulatorDataTypeComponent(i + 1, c.Name, c.Unit)).ToArray());
}
