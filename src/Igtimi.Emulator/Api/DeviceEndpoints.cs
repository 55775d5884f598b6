namespace Igtimi.Emulator.Api;

/// <summary>
/// <c>GET devices</c> (devices the caller owns, administers or may read at some time; <c>serial_numbers[]</c>
/// filters, and a known serial the caller has no right on comes back with its public fields and <c>read:false</c>) and <c>GET devices/data_access_windows</c>.
/// </summary>
internal static class DeviceEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/devices", (HttpContext http, EmulatorWorld world) =>
        {
            var me = TokenFilter.CurrentUser(http);
            var serials = SerialSet(new ApiParameters(http.Request.Query));
            var visible = world.DevicesVisibleTo(me);
            var devices = visible
                .Where(d => serials is null || serials.Contains(d.SerialNumber))
                .Select(d => (object)new { device = DeviceJson.From(world, me, d) });
            // Asked for by serial, a device without rights still shows its public information, with read:false (igtimi-api-2013.md 3.8).
            if (serials is not null)
                devices = devices.Concat(world.Devices.Where(d => serials.Contains(d.SerialNumber) && !visible.Contains(d))
                    .Select(d => (object)new { device = new { id = d.Id, name = d.Name, serial_number = d.SerialNumber,
                        permissions = PermissionsJson.From(EmulatorPermissions.None) } }));
            return Results.Json(new { devices });
        });

        api.MapGet("/devices/data_access_windows", (HttpContext http, EmulatorWorld world) =>
        {
            var me = TokenFilter.CurrentUser(http);
            var parameters = new ApiParameters(http.Request.Query);
            var serials = SerialSet(parameters);
            var permissions = parameters.Permissions("type", "types");
            var times = parameters.Times();
            var windows = world.DataAccessWindowsVisibleTo(me)
                .Where(w => serials is null || serials.Contains(w.DeviceSerialNumber))
                .Where(w => permissions is null || permissions.Matches(w.Permissions))
                .Where(w => times.Overlaps(w.StartTime, w.EndTime))
                .Select(w => new { data_access_window = DataAccessWindowJson.From(world, me, w) });
            return Results.Json(new { data_access_windows = windows });
        });
    }

    /// <summary>The <c>serial_numbers[]</c> filter (case-insensitive), or null when absent.</summary>
    internal static HashSet<string>? SerialSet(ApiParameters parameters)
    {
        var serials = parameters.Array("serial_numbers");
        return serials.Count == 0 ? null : new HashSet<string>(serials.Select(s => s.Trim()), StringComparer.OrdinalIgnoreCase);
    }
}
