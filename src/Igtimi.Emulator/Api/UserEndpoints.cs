namespace Igtimi.Emulator.Api;

/// <summary><c>GET users</c> and <c>GET users/{id}</c>: a token only ever sees its own user.</summary>
internal static class UserEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/users", (HttpContext http) =>
        {
            var me = TokenFilter.CurrentUser(http);
            var ids = new ApiParameters(http.Request.Query).IdArray("ids");
            var users = ids.Count == 0 || ids.Contains(me.Id)
                ? new[] { new { user = UserJson.From(me) } }
                : [];
            return Results.Json(new { users });
        });

        api.MapGet("/users/{id}", (HttpContext http, string id, EmulatorWorld world) =>
        {
            var me = TokenFilter.CurrentUser(http);
            if (!long.TryParse(id, out long userId) || world.FindUser(userId) is not { } user)
                return ApiResults.NotFound("User not found");
            if (user.Id != me.Id)
                return ApiResults.Forbidden("You do not have permission to read this user");
            return Results.Json(new { user = UserJson.From(user) });
        });
    }
}
