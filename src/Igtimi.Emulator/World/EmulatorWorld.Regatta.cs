namespace Igtimi.Emulator;

/// <summary>The regatta part of the world, and the access rules of docs/design/igtimi-api.md section 8.</summary>
public sealed partial class EmulatorWorld
{
    /// <summary>The regatta's last day (UTC). The regatta runs from 3 days before it, 00:00 UTC, to the day after it, 00:00 UTC.</summary>
    public DateOnly AnchorDate { get; }

    /// <summary><see cref="AnchorDate"/> − 3 days, 00:00 UTC.</summary>
    public DateTimeOffset RegattaStart { get; }

    /// <summary><see cref="AnchorDate"/> + 1 day, 00:00 UTC.</summary>
    public DateTimeOffset RegattaEnd { get; }

    public string VenueName { get; }

    /// <summary>E.g. "Kiel Regatta": the prefix of the race names ("Kiel Regatta - Race 3").</summary>
    public string RegattaName { get; }

    // ---- groups ----

    /// <summary>A snapshot of the groups; writes replace it whole (EmulatorWorld.Writes.SessionsGroups.cs).</summary>
    public IReadOnlyList<EmulatorGroup> Groups { get => Volatile.Read(ref _groups); private set => Volatile.Write(ref _groups, value); }

    /// <summary>Admin group of the fleet devices; the owner administers it and is its only member.</summary>
    public EmulatorGroup RegattaFleet { get; }

    /// <summary>Device user group of the fleet; the coach is a member. Reads every fleet device for the whole regatta.</summary>
    public EmulatorGroup CoachingTeam { get; }

    /// <summary>Coach and outsider are members. Session group of the races; reads the YachtBots during races only.</summary>
    public EmulatorGroup RaceSpectators { get; }

    /// <summary>Admin session group of the owner's sessions (only the owner).</summary>
    public EmulatorGroup RaceCommittee { get; }

    /// <summary>Session group of the coach's debrief (coach and owner).</summary>
    public EmulatorGroup CoachDebriefGroup { get; }

    /// <summary>Administered by the coach: admin group of the coach's own boat and of the debrief session.</summary>
    public EmulatorGroup CoachBoatGroup { get; }

    // ---- devices ----

    /// <summary>The fleet's boats, "YB-1" to "YB-12", owned by the owner.</summary>
    public IReadOnlyList<EmulatorDevice> YachtBots { get; }

    /// <summary>The fleet's wind sensors on marks, "WB-1" to "WB-3", owned by the owner.</summary>
    public IReadOnlyList<EmulatorDevice> WindBots { get; }

    /// <summary>The coach's own YachtBot ("Coach RIB"), shared with the owner (read and modify) by a user DAW.</summary>
    public EmulatorDevice CoachBoat { get; }

    /// <summary>The one fleet boat whose crew wears a heart-rate strap (the only device with data type 13).</summary>
    public EmulatorDevice HeartRateBoat { get; }

    // ---- sessions, windows, resources ----

    /// <summary>All sessions, oldest first (a snapshot; writes replace it whole).</summary>
    public IReadOnlyList<EmulatorSession> Sessions { get => Volatile.Read(ref _sessions); private set => Volatile.Write(ref _sessions, value); }

    /// <summary>The races, oldest first: 2 or 3 a day on each regatta day.</summary>
    public IReadOnlyList<EmulatorSession> Races { get; }

    public EmulatorSession PublicSession { get; }

    public EmulatorSession DebriefSession { get; }

    public EmulatorSession IncompleteSession { get; }

    public IReadOnlyList<EmulatorResource> Resources { get; }

    public IReadOnlyList<EmulatorDataType> DataTypes => DataTypeCatalog.All;

    public EmulatorGroup? FindGroup(long id) => Groups.FirstOrDefault(g => g.Id == id);

    public EmulatorDevice? FindDevice(string serialNumber) =>
        Devices.FirstOrDefault(d => string.Equals(d.SerialNumber, serialNumber, StringComparison.OrdinalIgnoreCase));

    public EmulatorDevice? FindDeviceById(long id) => Devices.FirstOrDefault(d => d.Id == id);

    public EmulatorSession? FindSession(long id) => Sessions.FirstOrDefault(s => s.Id == id);

    // ---- access rules ----

    /// <summary>Read for members, the admin and (a public group) everyone; modify for the admin.</summary>
    public EmulatorPermissions GroupPermissions(EmulatorUser user, EmulatorGroup group) =>
        new(group.AdminUserId == user.Id || group.HasMember(user.Id) || group.IsPublic, group.AdminUserId == user.Id);

    /// <summary>Groups the user belongs to or administers (what <c>GET groups</c> lists); a public group is readable, not listed.</summary>
    public IReadOnlyList<EmulatorGroup> GroupsVisibleTo(EmulatorUser user) =>
        Groups.Where(g => g.AdminUserId == user.Id || g.HasMember(user.Id)).ToArray();

    /// <summary>The owner and the members of the device's admin group have every right at every time.</summary>
    public bool Administers(EmulatorUser user, EmulatorDevice device) =>
        device.OwnerId == user.Id || (FindGroup(device.AdminDeviceUserGroupId)?.HasMember(user.Id) ?? false);

    /// <summary>Whether the window is granted to the user, directly or through a group they belong to.</summary>
    public bool IsRecipient(EmulatorUser user, EmulatorDataAccessWindow window) =>
        window.RecipientUserId == user.Id
        || (window.RecipientGroupId is long groupId && (FindGroup(groupId)?.HasMember(user.Id) ?? false));

    /// <summary>The windows granted to the user on the device.</summary>
    public IEnumerable<EmulatorDataAccessWindow> WindowsGrantedTo(EmulatorUser user, EmulatorDevice device) =>
        DataAccessWindows.Where(w => string.Equals(w.DeviceSerialNumber, device.SerialNumber, StringComparison.Ordinal) && IsRecipient(user, w));

    /// <summary>The user's rights on the device's data at any time (the <c>permissions</c> of <c>GET devices</c>).</summary>
    public EmulatorPermissions DevicePermissions(EmulatorUser user, EmulatorDevice device) =>
        Administers(user, device)
            ? EmulatorPermissions.ReadModify
            : WindowsGrantedTo(user, device).Aggregate(EmulatorPermissions.None, (p, w) => p | w.Permissions);

    /// <summary>The user's rights on the device's data at time <paramref name="time"/>.</summary>
    public EmulatorPermissions DevicePermissionsAt(EmulatorUser user, EmulatorDevice device, DateTimeOffset time) =>
        DevicePermissionsDuring(user, device, time, time);

    /// <summary>The rights the user has on the device's data at some time in [<paramref name="start"/>, <paramref name="end"/>].</summary>
    public EmulatorPermissions DevicePermissionsDuring(EmulatorUser user, EmulatorDevice device, DateTimeOffset start, DateTimeOffset end) =>
        Administers(user, device)
            ? EmulatorPermissions.ReadModify
            : WindowsGrantedTo(user, device).Where(w => w.Overlaps(start, end))
                .Aggregate(EmulatorPermissions.None, (p, w) => p | w.Permissions);

    /// <summary>Devices the user owns, administers, or has a read window for (what <c>GET devices</c> lists).</summary>
    public IReadOnlyList<EmulatorDevice> DevicesVisibleTo(EmulatorUser user) =>
        Devices.Where(d => DevicePermissions(user, d).Read).ToArray();

    /// <summary>
    /// Windows on devices the user can see that are granted to the user or one of their groups; owners and
    /// admins of a device see all its windows (what <c>GET devices/data_access_windows</c> lists).
    /// </summary>
    public IReadOnlyList<EmulatorDataAccessWindow> DataAccessWindowsVisibleTo(EmulatorUser user)
    {
        var visible = DevicesVisibleTo(user).ToDictionary(d => d.SerialNumber, StringComparer.Ordinal);
        return DataAccessWindows
            .Where(w => visible.TryGetValue(w.DeviceSerialNumber, out var device) && (Administers(user, device) || IsRecipient(user, w)))
            .ToArray();
    }

    /// <summary>The user's rights on a resource: what they may do with the device's data at some time within its span.</summary>
    public EmulatorPermissions ResourcePermissions(EmulatorUser user, EmulatorResource resource) =>
        FindDevice(resource.DeviceSerialNumber) is { } device
            ? DevicePermissionsDuring(user, device, resource.StartTime, resource.EndTime)
            : EmulatorPermissions.None;

    /// <summary>Resources whose span overlaps a window the user may read in (what <c>GET resources</c> lists).</summary>
    public IReadOnlyList<EmulatorResource> ResourcesVisibleTo(EmulatorUser user) =>
        Resources.Where(r => ResourcePermissions(user, r).Read).ToArray();

    /// <summary>Read: owner, member of the session group or of the admin group, or a public session. Modify: owner or admin group.</summary>
    public EmulatorPermissions SessionPermissions(EmulatorUser user, EmulatorSession session)
    {
        bool admin = session.OwnerId == user.Id || (FindGroup(session.AdminSessionGroupId)?.HasMember(user.Id) ?? false);
        bool member = FindGroup(session.SessionGroupId)?.HasMember(user.Id) ?? false;
        return new EmulatorPermissions(admin || member || session.IsPublic, admin);
    }

    /// <summary>Sessions the user may read, complete or not, oldest first.</summary>
    public IReadOnlyList<EmulatorSession> SessionsReadableBy(EmulatorUser user) =>
        Sessions.Where(s => SessionPermissions(user, s).Read).ToArray();
}
