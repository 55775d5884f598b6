namespace Igtimi.Emulator;

/// <summary>The rights a user has on an object: <c>{"read":…,"modify":…}</c> in igtimi.com's JSON.</summary>
public readonly record struct EmulatorPermissions(bool Read, bool Modify)
{
    public static readonly EmulatorPermissions None = new(false, false);
    public static readonly EmulatorPermissions ReadOnly = new(true, false);
    public static readonly EmulatorPermissions ReadModify = new(true, true);

    public static EmulatorPermissions operator |(EmulatorPermissions a, EmulatorPermissions b) =>
        new(a.Read || b.Read, a.Modify || b.Modify);

    public bool Any => Read || Modify;
}

/// <summary>
/// A user group. <see cref="AdminUserId"/> administers it (read and modify); <see cref="MemberIds"/>
/// belong to it (read). The admin is usually a member too. <see cref="IsPublic"/>: anyone may read it (<c>make_public</c>).
/// </summary>
public sealed record EmulatorGroup(long Id, string Name, long AdminUserId, IReadOnlyList<long> MemberIds, bool Hidden = false, bool IsPublic = false)
{
    public bool HasMember(long userId) => MemberIds.Contains(userId);
}

public enum EmulatorDeviceKind
{
    /// <summary>A boat unit: GPS, COG, heading, SOG, battery (and a heart-rate strap on one boat).</summary>
    YachtBot,

    /// <summary>A wind sensor on a race mark: GPS, AWA, AWS, battery.</summary>
    WindBot,
}

/// <summary>A sensor unit. Serial numbers look like igtimi.com's: <c>DC-GD-AADE</c>.</summary>
public sealed record EmulatorDevice(
    long Id,
    string Name,
    string SerialNumber,
    EmulatorDeviceKind Kind,
    long OwnerId,
    long DeviceUserGroupId,
    long AdminDeviceUserGroupId,
    IReadOnlyList<int> DataTypes);

/// <summary>
/// A data access window: grants <see cref="Permissions"/> on one device's data between
/// <see cref="StartTime"/> and <see cref="EndTime"/> to exactly one recipient, a user or a group.
/// </summary>
public sealed record EmulatorDataAccessWindow(
    long Id,
    string DeviceSerialNumber,
    DateTimeOffset StartTime,
    DateTimeOffset EndTime,
    EmulatorPermissions Permissions,
    long? RecipientUserId,
    long? RecipientGroupId)
{
    public bool Overlaps(DateTimeOffset start, DateTimeOffset end) => StartTime <= end && EndTime >= start;
}

/// <summary>A stored data chunk of one device (one per device and regatta day: the sensor-on span).</summary>
public sealed record EmulatorResource(
    long Id,
    string DeviceSerialNumber,
    DateTimeOffset StartTime,
    DateTimeOffset EndTime,
    IReadOnlyList<int> DataTypes)
{
    public bool Overlaps(DateTimeOffset start, DateTimeOffset end) => StartTime <= end && EndTime >= start;
}

public enum EmulatorSessionKind
{
    /// <summary>A regatta race, shared to Race Spectators.</summary>
    Race,

    /// <summary>The public session (anyone with a token can read it).</summary>
    Public,

    /// <summary>The coach's private debrief: the outsider gets 401 for it.</summary>
    Debrief,

    /// <summary>The session still running: no end time, listed only with <c>include_incomplete=true</c>.</summary>
    Incomplete,
}

/// <summary>
/// A session (race). <see cref="EndTime"/> is null while the session is still running. <see cref="Blank"/>: made by
/// <c>POST sessions</c>, so its name and times are sent as null (<see cref="StartTime"/> is then its creation time, for ordering).
/// </summary>
public sealed record EmulatorSession(
    long Id,
    string Name,
    EmulatorSessionKind Kind,
    DateTimeOffset StartTime,
    DateTimeOffset? EndTime,
    long OwnerId,
    long SessionGroupId,
    long AdminSessionGroupId,
    bool IsPublic,
    IReadOnlyList<EmulatorSessionLogEntry> Log,
    bool Blank = false)
{
    public bool IsComplete => EndTime is not null;
}

public enum EmulatorRaceObjectType
{
    Yacht,
    Buoy,
    Wind,
}

/// <summary>
/// An object declared in a session log. Yachts have <see cref="BoatNumber"/>, <see cref="Crew"/> and
/// <see cref="Country"/>; buoys have <see cref="BuoyType"/> and a position (and the other half of a gate in
/// <see cref="ConnectedBuoyId"/>); wind objects (the WindBots on the marks) have a position.
/// </summary>
public sealed record EmulatorRaceObject(
    long Id,
    EmulatorRaceObjectType Type,
    string Name,
    string? BoatNumber = null,
    string? Crew = null,
    string? Country = null,
    string? BuoyType = null,
    long? ConnectedBuoyId = null,
    double? Latitude = null,
    double? Longitude = null);

/// <summary>The one child of a session log entry's <c>data</c> element.</summary>
public abstract record EmulatorSessionLogData;

/// <summary><c>data/device</c>: links a race object to the device that tracks it.</summary>
public sealed record EmulatorLogDevice(long ObjectId, string SerialNumber) : EmulatorSessionLogData;

/// <summary><c>data/object_data</c>: declares a race object.</summary>
public sealed record EmulatorLogObject(EmulatorRaceObject Object) : EmulatorSessionLogData;

/// <summary><c>data/metadata/manual_wind</c>: wind entered by the race officer (strength in km/h, direction in degrees "from").</summary>
public sealed record EmulatorLogManualWind(double StrengthKmh, int Direction) : EmulatorSessionLogData;

/// <summary><c>data/metadata/course_direction</c>: the course axis in degrees.</summary>
public sealed record EmulatorLogCourseDirection(int Direction) : EmulatorSessionLogData;

/// <summary>One entry of <c>GET sessions/{id}/logs</c>.</summary>
public sealed record EmulatorSessionLogEntry(long Id, DateTimeOffset CreatedAt, EmulatorSessionLogData Data);

/// <summary>One component of a data type: its key in packed data (<c>"1"</c>, <c>"2"</c>, …), name and unit.</summary>
public sealed record EmulatorDataTypeComponent(int Index, string Name, string? Unit);

/// <summary>A data type of the JSON API (codes 1–16, names as igtimi.com's JSON API used them).</summary>
public sealed record EmulatorDataType(int Id, string Name, IReadOnlyList<EmulatorDataTypeComponent> Components);
