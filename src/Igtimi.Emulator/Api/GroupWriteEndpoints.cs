namespace Igtimi.Emulator.Api;

/// <summary>
/// <c>POST groups</c>, <c>DELETE groups/{id}</c>, <c>GET/POST/DELETE groups/{id}/members</c> and <c>POST groups/{id}/make_public</c>
/// and <c>make_private</c> (docs/design/igtimi-api-2013.md sections 3.10 and 3.11). The member is named by <c>user_id</c> (inferred),
/// from the form or the query; the member list ends with <c>{"public":true}</c> for a public group.
/// </summary>
internal static class GroupWriteEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/groups", async (HttpContext http, EmulatorWorld world) =>
        {
            string? name = (await FieldAsync(http, "name"))?.Trim();
            if (string.IsNullOrEmpty(name))
                return ApiResults.Error(StatusCodes.Status422UnprocessableEntity, "invalid_request", "name is required");
            return WriteResults.Of(world.CreateGroup(TokenFilter.CurrentUser(http), name), g => Results.Json(new { group = new { name = g.Name, id = g.Id } }));
        });

        api.MapDelete("/groups/{id}", (HttpContext http, string id, EmulatorWorld world) =>
            long.TryParse(id, out long groupId)
                ? WriteResults.Success(world.DeleteGroup(TokenFilter.CurrentUser(http), groupId))
                : ApiResults.NotFound("Group not found"));

        api.MapGet("/groups/{id}/members", (HttpContext http, string id, EmulatorWorld world) =>
        {
            var me = TokenFilter.CurrentUser(http);
            if (!long.TryParse(id, out long groupId) || world.FindGroup(groupId) is not { } group)
                return ApiResults.NotFound("Group not found");
            if (!world.GroupPermissions(me, group).Read)
                return ApiResults.Error(StatusCodes.Status401Unauthorized, "unauthorized", "no read permission on the group");
            var members = group.MemberIds.Select(world.FindUser).OfType<EmulatorUser>().Select(u => (object)new { user = UserJson.From(u) }).ToList();
            if (group.IsPublic)
                members.Add(new { @public = true });
            return Results.Json(new { members });
        });

        api.MapPost("/groups/{id}/members", (HttpContext http, string id, EmulatorWorld world) =>
            MemberChangeAsync(http, id, (me, groupId, userId) => world.AddGroupMember(me, groupId, userId)));

        api.MapDelete("/groups/{id}/members", (HttpContext http, string id, EmulatorWorld world) =>
            MemberChangeAsync(http, id, (me, groupId, userId) => world.RemoveGroupMember(me, groupId, userId)));

        api.MapPost("/groups/{id}/make_public", (HttpContext http, string id, EmulatorWorld world) =>
            long.TryParse(id, out long groupId)
                ? WriteResults.Success(world.SetGroupPublic(TokenFilter.CurrentUser(http), groupId, true))
                : ApiResults.NotFound("Group not found"));

        api.MapPost("/groups/{id}/make_private", (HttpContext http, string id, EmulatorWorld world) =>
            long.TryParse(id, out long groupId)
                ? WriteResults.Success(world.SetGroupPublic(TokenFilter.CurrentUser(http), groupId, false))
                : ApiResults.NotFound("Group not found"));
    }

    private static async Task<IResult> MemberChangeAsync(HttpContext http, string id, Func<EmulatorUser, long, long, WriteResult<EmulatorGroup>> change)
    {
        if (!long.TryParse(id, out long groupId))
            return ApiResults.NotFound("Group not found");
        if (!long.TryParse(await FieldAsync(http, "user_id"), out long userId))
            return ApiResults.Error(StatusCodes.Status422UnprocessableEntity, "invalid_request", "user_id is required");
        return WriteResults.Success(change(TokenFilter.CurrentUser(http), groupId, userId));
    }

    /// <summary>A form field, else the query parameter of that name.</summary>
    private static async Task<string?> FieldAsync(HttpContext http, string name)
    {
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (!string.IsNullOrEmpty(form[name]))
                return form[name];
        }
        string? query = http.Request.Query[name];
        return string.IsNullOrEmpty(query) ? null : query;
    }
}
