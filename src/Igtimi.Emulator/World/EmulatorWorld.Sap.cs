namespace Igtimi.Emulator;

/// <summary>
/// The SAP flavor's view of the world (docs/design/sap-dialect.md section 2): user names, fixed SAP access tokens, the
/// anonymous user <c>&lt;all&gt;</c> and its public window. Nothing here is part of <see cref="DataAccessWindows"/> or
/// <see cref="Users"/>, so the igtimi flavor serves exactly what it served before.
/// </summary>
public sealed partial class EmulatorWorld
{
    private EmulatorUser? _sapAnonymous;
    private IReadOnlyList<EmulatorDataAccessWindow>? _sapPublicWindows;

    /// <summary>SAP's anonymous user <c>&lt;all&gt;</c> (id 0, never in <see cref="Users"/>): what a request without valid credentials runs as.</summary>
    public EmulatorUser SapAnonymous => _sapAnonymous ??= new EmulatorUser(0, EmulatorCredentials.SapAnonymousUserName, "", "", "");

    /// <summary>
    /// The windows readable by <c>&lt;all&gt;</c> (SAP flavor only): one on <c>WB-1</c> over the whole regatta, with the id after the
    /// largest of <see cref="DataAccessWindows"/>. Only anonymous callers see it; signed-in users read what the igtimi rules give them.
    /// </summary>
    public IReadOnlyList<EmulatorDataAccessWindow> SapPublicWindows => _sapPublicWindows ??=
    [
        new EmulatorDataAccessWindow(DataAccessWindows.Max(w => w.Id) + 1, WindBots[0].SerialNumber, RegattaStart, RegattaEnd,
            EmulatorPermissions.ReadOnly, SapAnonymous.Id, null),
    ];

    public bool IsSapAnonymous(EmulatorUser user) => ReferenceEquals(user, SapAnonymous) || user.Id == SapAnonymous.Id;

    /// <summary>The SAP user name: <c>owner</c>, <c>coach</c>, <c>outsider</c>, or <c>&lt;all&gt;</c> for <see cref="SapAnonymous"/>.</summary>
    public string SapUserName(EmulatorUser user) =>
        user.Id == Owner.Id ? EmulatorCredentials.OwnerUserName
        : user.Id == Coach.Id ? EmulatorCredentials.CoachUserName
        : user.Id == Outsider.Id ? EmulatorCredentials.OutsiderUserName
        : EmulatorCredentials.SapAnonymousUserName;

    /// <summary>The fixed SAP access token of a user (null for <see cref="SapAnonymous"/>).</summary>
    public string? SapToken(EmulatorUser user) =>
        user.Id == Owner.Id ? EmulatorCredentials.OwnerSapToken
        : user.Id == Coach.Id ? EmulatorCredentials.CoachSapToken
        : user.Id == Outsider.Id ? EmulatorCredentials.OutsiderSapToken
        : null;

    /// <summary>The user with this SAP user name (exact, case-sensitive), or null.</summary>
    public EmulatorUser? FindSapUser(string userName) => Users.FirstOrDefault(u => string.Equals(SapUserName(u), userName, StringComparison.Ordinal));

    /// <summary>The user whose SAP access token this is, or null (the igtimi tokens are not SAP tokens).</summary>
    public EmulatorUser? FindSapToken(string token) =>
        Users.FirstOrDefault(u => SapToken(u) is { } t && SecretGenerator.FixedTimeEquals(t, token));

    /// <summary>The user with this SAP user name and password, or null.</summary>
    public EmulatorUser? FindSapUserByPassword(string userName, string password) =>
        FindSapUser(userName) is { } user && SecretGenerator.FixedTimeEquals(user.Password, password) ? user : null;

    /// <summary>
    /// The windows the user may READ in the SAP flavor, in id order: for <see cref="SapAnonymous"/> the <see cref="SapPublicWindows"/>;
    /// for a user what <see cref="DataAccessWindowsVisibleTo"/> lists (every window of a device they own or administer, and the
    /// windows granted to them or their groups). <c>resources/data</c> reads through each of them, so overlaps give duplicates.
    /// </summary>
    public IReadOnlyList<EmulatorDataAccessWindow> SapWindowsReadableBy(EmulatorUser user) =>
        IsSapAnonymous(user)
            ? SapPublicWindows
            : DataAccessWindowsVisibleTo(user)
                .Where(w => w.Permissions.Read || (FindDevice(w.DeviceSerialNumber) is { } d && Administers(user, d)))
                .OrderBy(w => w.Id).ToArray();

    /// <summary>The devices the user may READ in the SAP flavor: for <see cref="SapAnonymous"/> those with a public window (WB-1), else
    /// <see cref="DevicesVisibleTo"/>.</summary>
    public IReadOnlyList<EmulatorDevice> SapDevicesReadableBy(EmulatorUser user)
    {
        if (!IsSapAnonymous(user))
            return DevicesVisibleTo(user);
        var serials = SapPublicWindows.Select(w => w.DeviceSerialNumber).ToHashSet(StringComparer.Ordinal);
        return Devices.Where(d => serials.Contains(d.SerialNumber)).ToArray();
    }
}
