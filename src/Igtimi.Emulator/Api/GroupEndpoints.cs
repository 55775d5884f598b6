namespace Igtimi.Emulator.Api;

/// <summary><c>GET groups</c> (groups the caller belongs to or administers) and <c>GET groups/{id}</c> (403 for any other group).</summary>
internal static class GroupEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/groups", (HttpContext http, EmulatorWorld world) =>
        {
            var me = TokenFilter.CurrentUser(http);
            var ids = new ApiParameters(http.Request.Query).IdArray("ids");
            var groups = world.GroupsVisibleTo(me)
                .Where(g => ids.Count == 0 || ids.Contains(g.Id))
                .Select(g => new { group = GroupJson.From(world, me, g) });
            return Results.Json(new { groups });
        });

        api.MapGet("/groups/{id}", (HttpContext http, string id, EmulatorWorld world) =>
        {
            var me = TokenFilter.CurrentUser(http);
            if (!long.TryParse(id, out long groupId) || world.FindGroup(groupId) is not { } group)
                return ApiResults.NotFound("Group not found");
            if (!world.GroupPermissions(me, group).Read)
                return ApiResults.Forbidden("You do not have permission to read this group");
            return Results.Json(new { group = GroupJson.From(world, me, group) });
        });
    }
}
