namespace Igtimi.Emulator.Api;

/// <summary>
/// <c>GET devices</c> (devices the caller owns, administers or may read at some time; <c>serial_numbers[]</c>
/// filters, unreadable serials are simply absent) and <c>GET devices/data_access_windows</c>.
/// </summary>
internal static class DeviceEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/devices", (HttpContext http, EmulatorWorld world) =>
        {
            var me = TokenFilter.CurrentUser(http);
            var serials = SerialSet(new ApiParameters(http.Request.Query));
            var devices = world.DevicesVisibleTo(me)
                .Where(d => serials is null || serials.Contains(d.SerialNumber))
                .Select(d => new { device = DeviceJson.From(world, me, d) });
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
