namespace Igtimi.Emulator.Api;

/// <summary>
/// <c>GET resources</c> (also <c>resources/</c> and <c>/api/v1//resources</c>): resources of devices the caller may
/// read whose span overlaps a window the caller may read in. Filters: <c>permission=read|modify</c>,
/// <c>start_time</c>/<c>end_time</c> by overlap, <c>serial_numbers[]</c>, <c>stream_ids[]</c> (resource ids).
/// </summary>
internal static class ResourceEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/resources", (HttpContext http, EmulatorWorld world) =>
        {
            var me = TokenFilter.CurrentUser(http);
            var parameters = new ApiParameters(http.Request.Query);
            var serials = DeviceEndpoints.SerialSet(parameters);
            var streamIds = parameters.IdArray("stream_ids");
            var permissions = parameters.Permissions("permission");
            var times = parameters.Times();
            var resources = world.ResourcesVisibleTo(me)
                .Where(r => serials is null || serials.Contains(r.DeviceSerialNumber))
                .Where(r => streamIds.Count == 0 || streamIds.Contains(r.Id))
                .Where(r => permissions is null || permissions.Matches(world.ResourcePermissions(me, r)))
                .Where(r => times.Overlaps(r.StartTime, r.EndTime))
                .Select(r => new { resource = ResourceJson.From(world, me, r) });
            return Results.Json(new { resources });
        });
    }
}
