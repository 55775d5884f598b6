namespace Igtimi.Emulator.Api;

// The inner objects of igtimi.com's wrapped responses ({"devices":[{"device":{…}}]}). Property names become
// snake_case through the app's JSON policy; times are JsTime (floats with .0); declaration order is wire order.

internal sealed record PermissionsJson(bool Read, bool Modify)
{
    public static PermissionsJson From(EmulatorPermissions p) => new(p.Read, p.Modify);
}

internal sealed record GroupJson(long Id, string Name, PermissionsJson Permissions, bool Hidden, bool Blob)
{
    public static GroupJson From(EmulatorWorld world, EmulatorUser me, EmulatorGroup group) =>
        new(group.Id, group.Name, PermissionsJson.From(world.GroupPermissions(me, group)), group.Hidden, false);
}

internal sealed record DeviceJson(
    long Id, string Name, string SerialNumber, string? ServiceTag, string? Uid, string? Imei,
    long OwnerId, long DeviceUserGroupId, long AdminDeviceUserGroupId, PermissionsJson Permissions, bool Blob, bool DeviceInfo)
{
    public static DeviceJson From(EmulatorWorld world, EmulatorUser me, EmulatorDevice d) =>
        new(d.Id, d.Name, d.SerialNumber, null, null, null, d.OwnerId, d.DeviceUserGroupId, d.AdminDeviceUserGroupId,
            PermissionsJson.From(world.DevicePermissions(me, d)), false, true);
}

internal sealed record DataAccessWindowJson(
    long Id, JsTime StartTime, JsTime EndTime, string DeviceSerialNumber, PermissionsJson Permissions, object Recipient)
{
    public static DataAccessWindowJson From(EmulatorWorld world, EmulatorUser me, EmulatorDataAccessWindow w)
    {
        object recipient = w.RecipientGroupId is long groupId && world.FindGroup(groupId) is { } group
            ? new { group = GroupJson.From(world, me, group) }
            : new { user = world.FindUser(w.RecipientUserId ?? 0) is { } user ? UserJson.From(user) : null };
        return new(w.Id, JsTime.From(w.StartTime), JsTime.From(w.EndTime), w.DeviceSerialNumber,
            PermissionsJson.From(w.Permissions), recipient);
    }
}

internal sealed record SessionJson(
    long Id, string? Name, JsTime? StartTime, JsTime? EndTime, long OwnerId, long SessionGroupId, long AdminSessionGroupId,
    long? ParentSessionId, string? Ou, PermissionsJson Permissions, bool Blob)
{
    public static SessionJson From(EmulatorWorld world, EmulatorUser me, EmulatorSession s) =>
        new(s.Id, s.Blank ? null : s.Name, s.Blank ? null : JsTime.From(s.StartTime), s.Blank ? null : JsTime.From(s.EndTime), s.OwnerId, s.SessionGroupId, s.AdminSessionGroupId,
            null, null, PermissionsJson.From(world.SessionPermissions(me, s)), false);
}

internal sealed record ResourceJson(
    long Id, JsTime StartTime, JsTime EndTime, string DeviceSerialNumber, IReadOnlyList<int> DataTypes, PermissionsJson Permissions, bool Blob)
{
    public static ResourceJson From(EmulatorWorld world, EmulatorUser me, EmulatorResource r) =>
        new(r.Id, JsTime.From(r.StartTime), JsTime.From(r.EndTime), r.DeviceSerialNumber, r.DataTypes,
            PermissionsJson.From(world.ResourcePermissions(me, r)), false);
}
