namespace Igtimi.Emulator.Api;

/// <summary><c>GET account</c>: the user who owns the token.</summary>
internal static class AccountEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/account", (HttpContext http) =>
            Results.Json(new { user = UserJson.From(TokenFilter.CurrentUser(http)) }));
}
